package org.alertcluster.impl;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages show the architecture: impl's packages (read from the compiled classes) depend on each
 * other in one direction only. The root package orchestrates, {@code osgi} adapts it, the
 * concerns ({@code stack}, {@code discovery}, {@code membership}, {@code readiness}, {@code sync},
 * {@code wire}) sit below it, {@code util} below them.
 */
class PackageCyclesTest {

  @Test
  void implHasNoPackageCycles() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.alertcluster.impl");
    // (**) captures the whole package name, so every package is its own slice.
    slices().matching("org.alertcluster.(**)").should().beFreeOfCycles().check(classes);
  }
}
