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

  /**
   * The input: a silences snapshot of 3 entries with its last 5 bytes cut. The 2 intact
   * entries are loaded, the file is set aside.
   */
  @Test
  void truncatedSnapshotLoadsEveryCompleteEntryAndIsSetAside() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Silences a = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    Instant now = Instant.now();
    for (String name : List.of("A", "B", "C")) {
      a.set(new Silence("", List.of(new Matcher("alertname", name, Matcher.Type.EQUAL)), now,
          now.plusSeconds(600), "t", "c", now));
    }
    store.save(a, "silences");
    byte[] full = Files.readAllBytes(dir.resolve("silences"));
    Files.write(dir.resolve("silences"), java.util.Arrays.copyOf(full, full.length - 5));

    Silences b = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(store.load(b, "silences")).isPositive();
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.list()).allMatch(s -> a.find(s.id()).orElseThrow().equals(s));
    assertThat(dir.resolve("silences.corrupt")).exists();
    assertThat(dir.resolve("silences")).doesNotExist();
  }
}
