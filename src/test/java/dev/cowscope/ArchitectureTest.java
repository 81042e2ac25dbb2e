package dev.cowscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walls of DESIGN §1, checked on the compiled classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.cowscope");
    }

    @Test
    void engineAndAnalysesImportNoUiJsonOrCli() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.cowscope.format..", "dev.cowscope.snapshot..",
                        "dev.cowscope.sizing..", "dev.cowscope.alignment..", "dev.cowscope.merge..", "dev.cowscope.nativeio..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.fasterxml..",
                        "dev.cowscope.ui..", "dev.cowscope.cli..", "dev.cowscope.report..", "picocli..");
        rule.check(classes);
    }

    @Test
    void reportAndCliImportNoJavaFx() {
        noClasses().that().resideInAnyPackage("dev.cowscope.cli..", "dev.cowscope.report..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "dev.cowscope.ui..")
                .check(classes);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.cowscope.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void theUiOpensNoFilesItself() {
        noClasses().that().resideInAnyPackage("dev.cowscope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .allowEmptyShould(true)
                .check(classes);
    }
}
