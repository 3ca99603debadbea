package io.crmkit.io;

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

/** The package rules of ARCHITECTURE.md, for crm-io. */
class ArchitectureTest {
    static JavaClasses io;

    @BeforeAll
    static void importClasses() {
        io = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.io");
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
                .check(io);
    }

    @Test
    void ioUsesOnlyTheCoreApiNotItsInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.crmkit.core.internal..")
                .check(io);
    }

    @Test
    void ioDependsOnNoOtherCrmkitModule() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.crmkit.generator..", "io.crmkit.segmentation..", "io.crmkit.cli..", "io.crmkit.bench..")
                .check(io);
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
                            || c.getPackageName().startsWith("com.fasterxml")) {
                        events.add(
                                SimpleConditionEvent.violated(unit, unit.getFullName() + " mentions " + c.getName()));
                    }
                }
            }
        };
    }
}
