package org.voxgate.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way module rule of DESIGN.md, checked on the compiled classes: media depends on no
 * other module; pipeline and sip-server only on media and never on each other; store on
 * nothing of ours; admin only on store; only app sees everything. The benchmarks (bench, on
 * app's test classpath only) may use media, pipeline and the provider fakes (the pipeline probe
 * runs the real cascade bot against the fakes), never SIP, store, admin or app; nothing depends
 * on them.
 */
class ModuleRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.voxgate");
    }

    @Test
    void mediaDependsOnNoOtherModuleAndNoSignallingHttpOrSql() {
        noClasses().that().resideInAPackage("org.voxgate.media..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.pipeline..", "org.voxgate.sip..", "org.voxgate.store..",
                        "org.voxgate.admin..", "org.voxgate.app..", "javax.sip..", "io.javalin..", "java.sql..")
                .check(classes);
    }

    @Test
    void pipelineUsesOnlyMedia() {
        noClasses().that().resideInAPackage("org.voxgate.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.sip..", "org.voxgate.store..", "org.voxgate.admin..", "org.voxgate.app..",
                        "javax.sip..")
                .check(classes);
    }

    @Test
    void sipServerUsesOnlyMedia() {
        noClasses().that().resideInAPackage("org.voxgate.sip..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.pipeline..", "org.voxgate.store..", "org.voxgate.admin..", "org.voxgate.app..")
                .check(classes);
    }

    @Test
    void storeIsTheBottomLayer() {
        noClasses().that().resideInAPackage("org.voxgate.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.media..", "org.voxgate.pipeline..", "org.voxgate.sip..",
                        "org.voxgate.admin..", "org.voxgate.app..")
                .check(classes);
    }

    @Test
    void adminUsesOnlyTheStore() {
        noClasses().that().resideInAPackage("org.voxgate.admin..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.media..", "org.voxgate.pipeline..", "org.voxgate.sip..", "org.voxgate.app..")
                .check(classes);
    }

    @Test
    void benchmarksUseOnlyMediaPipelineAndFakes() {
        noClasses().that().resideInAPackage("org.voxgate.bench..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.sip..", "org.voxgate.store..",
                        "org.voxgate.admin..", "org.voxgate.app..")
                .check(classes);
    }

    @Test
    void providerFakesDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.voxgate.fakes..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.voxgate.media..", "org.voxgate.pipeline..", "org.voxgate.sip..",
                        "org.voxgate.store..", "org.voxgate.admin..", "org.voxgate.app..", "org.voxgate.bench..")
                .check(classes);
    }

    @Test
    void nothingShippedDependsOnTheProviderFakes() {
        // the benchmarks are not shipped either: they run the fakes as zero-latency providers
        noClasses().that().resideOutsideOfPackages("org.voxgate.fakes..", "org.voxgate.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.voxgate.fakes..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("org.voxgate.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.voxgate.bench..")
                .check(classes);
    }
}
