package dev.mcpsecrets.api;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API's packages depend on each other in one direction only: the public package uses the
 * implementation helpers below it ({@code internal.files}, {@code internal.time}), and
 * {@code internal} (the registrations for discovery) uses the public package, never the reverse.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mcpsecrets.api");

    @Test
    void mainClassesHaveNoPackageCycles() {
        slices().matching("dev.mcpsecrets.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
