package org.alertcluster.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The example host reaches the cluster through the api alone, as any host should: neither the
 * replica nor its tests name a type of alertcluster-impl (which is on the class path at run time
 * only, found through ServiceLoader). A test that must cut a peer off the network uses impl's
 * documented test seam by name, reflectively.
 */
class ClusterThroughApiTest {

  @Test
  void examplesDependOnTheApiNotOnImpl() {
    JavaClasses classes = new ClassFileImporter().importPackages("org.alertcluster.examples");
    noClasses().should().dependOnClassesThat().resideInAPackage("org.alertcluster.impl..")
        .because("hosts reach the cluster through org.alertcluster.api")
        .check(classes);
  }
}
