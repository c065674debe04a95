package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.alertcluster.api.ClusterConfig;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {

  @Test
  void concreteBindAddressIsAdvertisedAsIs() {
    var ep = LocalAddresses.of(ClusterConfig.builder().bindAddress("127.0.0.1:9094").build());
    assertThat(ep.advertiseAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(ep.bindPort()).isEqualTo(9094);
    assertThat(ep.needsExternalAddress()).isFalse();
  }

  @Test
  void explicitAdvertiseHostNameIsResolvedOnce() {
    var ep = LocalAddresses.of(ClusterConfig.builder().bindAddress("127.0.0.1:0")
        .advertiseAddress("localhost:19094").build());
    assertThat(ep.advertiseAddress().isLoopbackAddress()).isTrue();
    assertThat(ep.advertisePort()).isEqualTo(19094);
    assertThat(ep.needsExternalAddress()).isTrue();
  }

  @Test
  void wildcardAdvertisesTheFirstSiteLocalAddressOrNamesAdvertiseAddress() {
    ClusterConfig c = ClusterConfig.builder().bindAddress("0.0.0.0:9094").build();
    var siteLocal = LocalAddresses.firstSiteLocal();
    if (siteLocal.isPresent()) {
      var ep = LocalAddresses.of(c);
      assertThat(ep.bindAddress().isAnyLocalAddress()).isTrue();
      assertThat(ep.advertiseAddress()).isEqualTo(siteLocal.get());
      assertThat(ep.advertiseAddress().isSiteLocalAddress()).isTrue();
      assertThat(ep.needsExternalAddress()).isTrue();
    } else {
      assertThatThrownBy(() -> LocalAddresses.of(c)).hasMessageContaining("advertiseAddress");
    }
  }

  @Test
  void unresolvableAdvertiseAddressNamesTheField() {
    assertThatThrownBy(() -> LocalAddresses.of(ClusterConfig.builder().bindAddress("127.0.0.1:0")
        .advertiseAddress("no-such-host.invalid:9094").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advertiseAddress");
  }
}
