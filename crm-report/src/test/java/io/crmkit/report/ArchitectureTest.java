package io.crmkit.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.crmkit.report");

    @Test
    void publicApiDoesNotExposeInternals() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAnyPackage("io.crmkit.report", "io.crmkit.report.spi")
                .and()
                .arePublic()
                .should()
                .notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an internal type",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().contains(".internal")))
                .check(CLASSES);
    }

    @Test
    void noCommandLineNorGeneratorInTheLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.crmkit.cli..", "io.crmkit.generator..", "io.crmkit.bench..", "picocli..")
                .check(CLASSES);
    }
}
