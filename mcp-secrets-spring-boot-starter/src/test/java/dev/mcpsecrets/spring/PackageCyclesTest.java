package dev.mcpsecrets.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The starter's packages form no cycle: the implementation ({@code internal}) uses the public settings
 * and exception, and the public package knows nothing of the implementation. The command module's
 * architecture test does not see the starter, so the starter checks itself.
 */
class PackageCyclesTest {
    private static final String PUBLIC = "dev.mcpsecrets.spring";
    private static final String INTERNAL = "dev.mcpsecrets.spring.internal";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PUBLIC);
        // a rule must never pass because a package was not imported
        for (String pkg : new String[] {PUBLIC, INTERNAL}) {
            assertThat(classes.containPackage(pkg)).as("classes of %s imported", pkg).isTrue();
        }
    }

    @Test
    void starterPackagesAreFreeOfCycles() {
        slices().matching("dev.mcpsecrets.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void publicPackageDoesNotDependOnInternal() {
        noClasses().that().resideInAPackage(PUBLIC).should().dependOnClassesThat()
                .resideInAPackage(INTERNAL + "..").check(classes);
    }
}
