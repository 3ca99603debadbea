package io.crmkit.analytics;

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

/** The package rules of ARCHITECTURE.md, for crm-analytics. */
class ArchitectureTest {
    static JavaClasses analytics;

    @BeforeAll
    static void importClasses() {
        analytics = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.analytics");
    }

    @Test
    void publicSignaturesMentionNeitherInternalTypesNorLibraryTypes() {
        codeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..internal..")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .arePublic()
                .should(notMention())
                .check(analytics);
    }

    @Test
    void spiDoesNotReachIntoInternals() {
        noClasses()
                .that()
                .resideInAPackage("io.crmkit.analytics.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .check(analytics);
    }

    @Test
    void analyticsUsesOnlyTheCoreApiAndNoOtherCrmkitModule() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.crmkit.core.internal..",
                        "io.crmkit.segmentation..",
                        "io.crmkit.generator..",
                        "io.crmkit.cli..")
                .check(analytics);
    }

    static ArchCondition<JavaCodeUnit> notMention() {
        return new ArchCondition<>("not mention an internal, Hipparchus or Jackson type in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> mentioned = new ArrayList<>(unit.getRawParameterTypes());
                mentioned.add(unit.getRawReturnType());
                mentioned.addAll(unit.getThrowsClause().getTypes());
                for (JavaClass c : mentioned) {
                    String p = c.getPackageName();
                    if (p.contains(".internal") || p.startsWith("org.hipparchus") || p.startsWith("com.fasterxml")) {
                        events.add(
                                SimpleConditionEvent.violated(unit, unit.getFullName() + " mentions " + c.getName()));
                    }
                }
            }
        };
    }
}
