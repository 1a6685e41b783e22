package dev.mcpsecrets.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: no package cycles anywhere, and no layer importing one above it. The command
 * module sees every other module on its class path, so the whole project is checked here.
 *
 * <p>Layers, lowest first: the API; the policy SPI ({@code policy.source} below {@code policy.config}
 * below {@code policy}, with {@code policy.internal} beneath all three); beside each other above it the
 * engine, the built-in checks and the live probes; the command on top. Provider modules know nothing of
 * policy or of the command.
 */
class ArchitectureTest {
    private static final String API = "dev.mcpsecrets.api..";
    private static final String SPI_SOURCE = "dev.mcpsecrets.policy.source..";
    private static final String SPI_CONFIG = "dev.mcpsecrets.policy.config..";
    private static final String SPI_ROOT = "dev.mcpsecrets.policy";
    private static final String SPI_INTERNAL = "dev.mcpsecrets.policy.internal..";
    private static final String ENGINE = "dev.mcpsecrets.policy.engine..";
    private static final String CHECKS = "dev.mcpsecrets.policy.checks..";
    private static final String LIVE = "dev.mcpsecrets.policy.live..";
    private static final String CLI = "dev.mcpsecrets.cli..";
    private static final String[] PROVIDERS = {"dev.mcpsecrets.dotenv..", "dev.mcpsecrets.keychain..",
        "dev.mcpsecrets.onepassword..", "dev.mcpsecrets.vault.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mcpsecrets");
        // a rule must never pass because a layer was not imported
        for (String layer : new String[] {"dev.mcpsecrets.api", "dev.mcpsecrets.policy", "dev.mcpsecrets.policy.source",
            "dev.mcpsecrets.policy.config", "dev.mcpsecrets.policy.internal", "dev.mcpsecrets.policy.engine",
            "dev.mcpsecrets.policy.checks.internal", "dev.mcpsecrets.policy.live", "dev.mcpsecrets.dotenv",
            "dev.mcpsecrets.cli"}) {
            assertThat(classes.containPackage(layer)).as("classes of %s imported", layer).isTrue();
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.mcpsecrets.(**)").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void apiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
                .resideOutsideOfPackages(API, "java..", "javax..", "org.slf4j..").check(classes);
    }

    @Test
    void providersKnowNothingOfPolicyOrTheCommand() {
        noClasses().that().resideInAnyPackage(PROVIDERS).should().dependOnClassesThat()
                .resideInAnyPackage("dev.mcpsecrets.policy..", CLI).check(classes);
    }

    @Test
    void policySpiDependsOnTheApiOnly() {
        noClasses().that().resideInAnyPackage(SPI_SOURCE, SPI_CONFIG, SPI_ROOT, SPI_INTERNAL)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, CHECKS, LIVE, CLI, PROVIDERS[0],
                        PROVIDERS[1], PROVIDERS[2], "com.fasterxml..")
                .check(classes);
    }

    @Test
    void policySpiLayersImportOnlyDownward() {
        noClasses().that().resideInAPackage(SPI_SOURCE).should().dependOnClassesThat()
                .resideInAnyPackage(SPI_CONFIG, SPI_ROOT, SPI_INTERNAL).check(classes);
        noClasses().that().resideInAPackage(SPI_CONFIG).should().dependOnClassesThat()
                .resideInAnyPackage(SPI_ROOT, SPI_INTERNAL).check(classes);
        noClasses().that().resideInAPackage(SPI_INTERNAL).should().dependOnClassesThat()
                .resideInAPackage(SPI_ROOT).check(classes);
    }

    @Test
    void engineChecksAndProbesDoNotKnowEachOther() {
        noClasses().that().resideInAPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage(CHECKS, LIVE, CLI).check(classes);
        noClasses().that().resideInAPackage(CHECKS).should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE, LIVE, CLI).check(classes);
        noClasses().that().resideInAPackage(LIVE).should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE, CHECKS, CLI).check(classes);
    }
}
