package org.alertcluster.osgitests.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The impl bundle keeps all of impl private: it exports no package (hosts see the api bundle
 * only), and its one entry point in a container is the DS component named in Service-Component,
 * which needs no export. (The other Felix tests show that component working.)
 */
class FelixImplBundleTest {

  @TempDir Path tmp;

  @Test
  void theImplBundleExportsNoPackageAndDeclaresItsComponent() throws Exception {
    try (FelixContainer c = FelixContainer.start(tmp.resolve("x"), true)) {
      Bundle impl = c.impl();
      assertThat(impl.getState()).as("impl bundle state").isEqualTo(Bundle.ACTIVE);
      assertThat(impl.getHeaders().get(Constants.EXPORT_PACKAGE))
          .as("Export-Package of the impl bundle: impl's packages are private").isNull();
      BundleWiring wiring = impl.adapt(BundleWiring.class);
      assertThat(wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE))
          .as("packages the resolved impl bundle offers to others").isEmpty();
      assertThat(impl.getHeaders().get("Service-Component"))
          .as("Service-Component of the impl bundle")
          .isEqualTo("OSGI-INF/org.alertcluster.impl.osgi.PeerComponent.xml");
    }
  }
}
