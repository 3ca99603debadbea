package io.crmkit.jdbc;

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

/** The package rules of ARCHITECTURE.md, for crm-jdbc. */
class ArchitectureTest {
    static JavaClasses jdbc;

    @BeforeAll
    static void importClasses() {
        jdbc = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.jdbc");
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
                .check(jdbc);
    }

    @Test
    void usesOnlyThePublicApiOfOtherModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.crmkit.core.internal..",
                        "io.crmkit.segmentation.internal..",
                        "io.crmkit.analytics.internal..",
                        "io.crmkit.automation.internal..",
                        "io.crmkit.loyalty.internal..")
                .check(jdbc);
    }

    @Test
    void neverDependsOnTheCliOrTheBenchmarks() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.crmkit.cli..", "io.crmkit.bench..")
                .check(jdbc);
    }

    static ArchCondition<JavaCodeUnit> notMentionInternals() {
        return new ArchCondition<>("not mention an internal type in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> mentioned = new ArrayList<>(unit.getRawParameterTypes());
                mentioned.add(unit.getRawReturnType());
                mentioned.addAll(unit.getThrowsClause().getTypes());
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
