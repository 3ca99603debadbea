package io.crmkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, for crm-core. */
class ArchitectureTest {
    static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.crmkit.core");
    }

    @Test
    void coreDependsOnNothingButTheJdkSlf4jAndJspecify() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.slf4j..", "org.jspecify..", "io.crmkit.core..")
                .check(core);
    }

    @Test
    void spiDoesNotReachIntoInternals() {
        noClasses()
                .that()
                .resideInAPackage("io.crmkit.core.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .check(core);
    }

    @Test
    void noInternalTypeInAPublicSignature() {
        codeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..internal..")
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .arePublic()
                .should(notMentionInternalTypes())
                .check(core);
    }

    @Test
    void publicApiTypesAreFinalOrInterfacesOrRecordsOrEnums() {
        classes()
                .that()
                .resideInAPackage("io.crmkit.core")
                .and()
                .arePublic()
                .and()
                .areNotInterfaces()
                .and()
                .areNotEnums()
                .and()
                .areNotAssignableTo(Throwable.class)
                .should()
                .haveModifier(JavaModifier.FINAL)
                .check(core);
    }

    static ArchCondition<JavaCodeUnit> notMentionInternalTypes() {
        return new ArchCondition<>("not mention an internal type in its signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> mentioned = new ArrayList<>(unit.getRawParameterTypes());
                mentioned.add(unit.getRawReturnType());
                mentioned.addAll(unit.getThrowsClause().getTypes());
                for (JavaClass c : mentioned) {
                    if (c.getPackageName().contains(".internal")) {
                        events.add(SimpleConditionEvent.violated(
                                unit, unit.getFullName() + " mentions internal type " + c.getName()));
                    }
                }
            }
        };
    }
}
