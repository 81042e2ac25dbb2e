package dev.cowscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        noClasses().that().resideInAnyPackage("dev.cowscope.cli..", "dev.cowscope.report..", "dev.cowscope.input..")
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

    @Test
    void theWindowAndTheCommandLineDoNotKnowEachOther() {
        noClasses().that().resideInAnyPackage("dev.cowscope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cowscope.cli..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.cowscope.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The window's features meet only in the shared packages (state, widgets, map drawing, desktop). */
    @ParameterizedTest
    @ValueSource(strings = {"alignment", "areas", "chunkmap", "export", "fill", "inspector", "merge", "origin", "sizing",
            "start", "summary", "about"})
    void windowFeaturesDependOnNoOtherFeature(String feature) {
        String[] others = java.util.stream.Stream.of("alignment", "areas", "chunkmap", "export", "fill", "inspector", "merge",
                        "origin", "sizing", "start", "summary", "about")
                .filter(f -> !f.equals(feature)).map(f -> "dev.cowscope.ui." + f + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.cowscope.ui." + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .orShould().dependOnClassesThat().resideInAPackage("dev.cowscope.ui")
                .allowEmptyShould(true)
                .check(classes);
    }
}
