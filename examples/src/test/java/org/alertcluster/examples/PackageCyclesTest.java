package org.alertcluster.examples;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The example replica's packages (read from the compiled classes) depend on each other in one
 * direction only: the entry point above {@code demo} and {@code node}, {@code node} wiring the
 * parts, {@code api} serving them through {@code api.Replica}, the domain packages below.
 */
class PackageCyclesTest {

  @Test
  void examplesHaveNoPackageCycles() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.alertcluster.examples");
    // (**) captures the whole package name, so every package is its own slice.
    slices().matching("org.alertcluster.(**)").should().beFreeOfCycles().check(classes);
  }
}
