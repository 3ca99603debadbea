package io.crmkit.automation;

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

/**
 * The package rules of ARCHITECTURE.md, for crm-automation. (crm-segmentation also forbids its SPI
 * to use internals; here {@code JourneyStateStore.inMemory()} constructs the internal in-memory
 * store on purpose, so that rule is left to the module's owner.)
 */
class ArchitectureTest {
    static JavaClasses automation;

    @BeforeAll
    static void importClasses() {
        automation = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.automation");
    }

    @Test
    void publicSignaturesMentionNeitherInternalTypesNorJackson() {
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
                .check(automation);
    }

    @Test
    void automationUsesOnlyTheApisOfOtherModulesNotTheirInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.crmkit.core.internal..", "io.crmkit.segmentation.internal..")
                .check(automation);
    }

    @Test
    void automationDependsOnlyOnTheModulesTheGraphShows() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.crmkit.io..",
                        "io.crmkit.analytics..",
                        "io.crmkit.loyalty..",
                        "io.crmkit.jdbc..",
                        "io.crmkit.cli..",
                        "io.crmkit.bench..",
                        "io.crmkit.generator..")
                .check(automation);
    }

    static ArchCondition<JavaCodeUnit> notMention() {
        return new ArchCondition<>("not mention an internal or Jackson type in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> mentioned = new ArrayList<>(unit.getRawParameterTypes());
                mentioned.add(unit.getRawReturnType());
                mentioned.addAll(unit.getThrowsClause().getTypes());
                for (JavaClass c : mentioned) {
                    if (c.getPackageName().contains(".internal")
                            || c.getPackageName().startsWith("com.fasterxml.jackson")) {
                        events.add(
                                SimpleConditionEvent.violated(unit, unit.getFullName() + " mentions " + c.getName()));
                    }
                }
            }
        };
    }
}
