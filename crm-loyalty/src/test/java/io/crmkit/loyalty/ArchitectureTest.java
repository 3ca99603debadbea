package io.crmkit.loyalty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package and module rules of ARCHITECTURE.md, for crm-loyalty (→ core, segmentation). */
class ArchitectureTest {
    static JavaClasses loyalty;

    @BeforeAll
    static void importClasses() {
        loyalty = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.loyalty");
    }

    @Test
    void publicSignaturesMentionNoInternalType() {
        codeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..internal..")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .arePublic()
                .should(notMentionInternals())
                .check(loyalty);
    }

    @Test
    void spiDoesNotReachIntoInternals() {
        noClasses()
                .that()
                .resideInAPackage("io.crmkit.loyalty.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .check(loyalty);
    }

    @Test
    void loyaltyDependsOnlyOnTheCoreAndSegmentationApis() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.crmkit.core.internal..",
                        "io.crmkit.segmentation.internal..",
                        "io.crmkit.io..",
                        "io.crmkit.analytics..",
                        "io.crmkit.automation..",
                        "io.crmkit.cli..",
                        "io.crmkit.bench..",
                        "io.crmkit.generator..",
                        "org.roaringbitmap..")
                .check(loyalty);
    }

    static ArchCondition<JavaCodeUnit> notMentionInternals() {
        return new ArchCondition<>("not mention an internal type in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> mentioned = new ArrayList<>(unit.getRawParameterTypes());
                mentioned.add(unit.getRawReturnType());
                for (JavaClass c : mentioned) {
                    if (c.getPackageName().contains(".internal")) {
                        events.add(
                                SimpleConditionEvent.violated(unit, unit.getFullName() + " mentions " + c.getName()));
                    }
                }
            }
        };
    }
}
