package org.alertcluster.impl.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.alertcluster.api.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingMaterialTest {

  @TempDir
  Path dir;

  @Test
  void changedFilesAreReadAfterTheCheckIntervalAndBrokenOnesAreNot() throws Exception {
    TestPki pki = new TestPki(dir);
    TestPki.Ca ca = pki.ca("ca");
    TestPki.PeerFiles f = pki.issue(ca, "p", TestPki.spec().cn("gen1"));
    TlsConfig config = TlsConfig.builder().certificateFile(f.cert().toString())
        .keyFile(f.key().toString()).caFile(f.ca().toString()).build();
    AtomicLong clock = new AtomicLong();
    ReloadingMaterial m = new ReloadingMaterial(config, clock::get);
    assertThat(subject(m)).isEqualTo("CN=gen1");

    pki.issue(ca, "p", TestPki.spec().cn("gen2"));
    assertThat(subject(m)).as("not looked at before the interval").isEqualTo("CN=gen1");
    clock.addAndGet(ReloadingMaterial.CHECK_INTERVAL_NANOS);
    assertThat(subject(m)).isEqualTo("CN=gen2");
    assertThat(m.current().generation()).isEqualTo(1);

    TestPki.writeAtomically(f.key(), "not a key");
    clock.addAndGet(ReloadingMaterial.CHECK_INTERVAL_NANOS);
    assertThat(subject(m)).as("broken files keep the working material").isEqualTo("CN=gen2");
    assertThat(m.generation(0).material().chain().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=gen1");
  }

  private static String subject(ReloadingMaterial m) {
    return m.current().material().chain().get(0).getSubjectX500Principal().getName();
  }
}
