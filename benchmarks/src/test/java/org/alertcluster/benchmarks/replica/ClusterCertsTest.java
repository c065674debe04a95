package org.alertcluster.benchmarks.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.examples.node.ClusterTlsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files --tls makes are what the replica's --cluster.tls-config reader accepts, as it is. */
class ClusterCertsTest {

  @TempDir Path dir;

  @Test
  void everyMemberGetsAMutualTlsConfigTheReplicaAccepts() throws Exception {
    ClusterCerts certs = new ClusterCerts(dir);
    for (int i = 0; i < 3; i++) {
      Path file = certs.member(i);
      ClusterTlsFile.Result r = ClusterTlsFile.load(file);
      TlsConfig t = r.tls();
      assertThat(t.enabled()).isTrue();
      assertThat(t.clientAuth()).isEqualTo(TlsConfig.ClientAuth.REQUIRE);
      assertThat(Path.of(t.certificateFile())).isEqualTo(dir.resolve("member-" + i + ".crt"));
      assertThat(Files.readString(Path.of(t.keyFile()))).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(Path.of(t.caFile())).isEqualTo(dir.resolve("ca.crt"));
      assertThat(r.warnings()).isEmpty();
    }
  }

  @Test
  void aRelativeDirectoryStillGivesPathsTheReaderFinds() throws Exception {
    // The benchmark's default --out is relative; the reader resolves relative paths in the file
    // against the file's own directory, as Alertmanager does.
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel"));
    Path file = new ClusterCerts(relative).member(0);
    TlsConfig t = ClusterTlsFile.load(file).tls();
    assertThat(Path.of(t.certificateFile())).exists();
    assertThat(Path.of(t.keyFile())).exists();
    assertThat(Path.of(t.caFile())).exists();
  }

  @Test
  void theAlertmanagerBaselineCanBeSkippedOnPurpose() throws Exception {
    assertThat(ReplicaBench.ensureAlertmanager(Path.of("none"))).isNull();
  }
}
