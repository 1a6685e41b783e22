package dev.mcpsecrets.dotenv;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module's packages depend on each other in one direction only: the parser and writer are
 * package-private in the public package, and {@code internal} (the {@code dotenv:} provider) uses the
 * public package, never the reverse.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mcpsecrets.dotenv");

    @Test
    void mainClassesHaveNoPackageCycles() {
        slices().matching("dev.mcpsecrets.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
