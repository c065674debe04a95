package org.alertcluster.examples.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.Silences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

  @TempDir
  Path dir;

  @Test
  void roundTripsAndMovesACorruptFileAside() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Silences a = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    Instant now = Instant.now();
    String id = a.set(new Silence("", List.of(new Matcher("alertname", "X", Matcher.Type.EQUAL)), now,
        now.plusSeconds(60), "t", "c", now));
    store.save(a, "silences");

    Silences b = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(store.load(b, "silences")).isPositive();
    assertThat(b.find(id)).isPresent();
    assertThat(store.load(b, "missing")).isZero();

    Files.write(dir.resolve("silences"), new byte[] {(byte) 0xff, 0x01});
    Silences c = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(store.load(c, "silences")).isZero();
    assertThat(c.size()).isZero();
    assertThat(dir.resolve("silences.corrupt")).exists();
    assertThat(dir.resolve("silences")).doesNotExist();
  }
}
