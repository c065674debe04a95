package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which names a dialled peer's certificate must carry (Alertmanager #3159). */
class PeerNamesTest {

  @TempDir
  Path dir;

  @Test
  void fixedServerNameReplacesTheDialledAddress() throws Exception {
    PeerNames names = new PeerNames("am.monitoring.svc", List.of("localhost:9094"));
    assertThat(names.expected(InetAddress.getByName("127.0.0.1")))
        .containsExactly("am.monitoring.svc");
  }

  @Test
  void withoutServerNameTheIpAndKnownPeerHostNamesResolvingToItAreAccepted() throws Exception {
    PeerNames names = new PeerNames("", List.of("localhost:9094", "10.1.2.3:9094",
        "[::1]:9094"));
    assertThat(names.expected(InetAddress.getByName("127.0.0.1")))
        .containsExactly("127.0.0.1", "localhost");
    assertThat(names.expected(InetAddress.getByName("10.9.9.9"))).containsExactly("10.9.9.9");
    assertThat(names.expected(null)).isEmpty();
  }

  @Test
  void sansMatchExactlyOrByOneLeftMostWildcardLabel() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.PeerFiles f = pki.issue(pki.ca("ca"), "p",
        TestPki.spec().dns("*.am.example", "Exact.Example").ips("10.0.0.5"));
    assertThat(PeerNames.matches(f.certificate(), Set.of("am-0.am.example"))).isTrue();
    assertThat(PeerNames.matches(f.certificate(), Set.of("exact.example"))).isTrue();
    assertThat(PeerNames.matches(f.certificate(), Set.of("10.0.0.5"))).isTrue();
    assertThat(PeerNames.matches(f.certificate(), Set.of("a.b.am.example"))).isFalse();
    assertThat(PeerNames.matches(f.certificate(), Set.of("am.example"))).isFalse();
    assertThat(PeerNames.matches(f.certificate(), Set.of("10.0.0.6", "other.example"))).isFalse();
    assertThat(PeerNames.describeSans(f.certificate()))
        .isEqualTo("DNS:*.am.example, DNS:exact.example, IP:10.0.0.5");
  }
}
