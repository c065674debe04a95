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
   * A snapshot holding one entry this host cannot read loses only that entry. Before, the whole file
   * was moved aside with every valid silence in it (Alertmanager's own snapshots may hold Go-only
   * patterns such as {@code (?P<x>a)}, which RE2 reads and Java's engine did not).
   */
  @Test
  void anUnreadableEntryIsSkippedAndReportedNotTheWholeFile() throws Exception {
    Instant now = Instant.now();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    entry("go-named-group", "(?P<x>a)", now).writeDelimitedTo(out);
    entry("broken", "(", now).writeDelimitedTo(out);
    entry("plain", "b", now).writeDelimitedTo(out);
    Files.write(dir.resolve("silences"), out.toByteArray());

    SnapshotStore store = new SnapshotStore(dir);
    Silences s = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(store.load(s, "silences")).isPositive();
    assertThat(s.find("go-named-group")).isPresent();
    assertThat(s.find("plain")).isPresent();
    assertThat(s.find("broken")).isEmpty();
    assertThat(store.lastSkipped()).singleElement().asString().contains("entry #1").contains("broken");
    assertThat(dir.resolve("silences")).exists();
  }

  private static org.alertcluster.examples.silence.pb.MeshSilence entry(String id, String regex, Instant now) {
    var ts = org.alertcluster.examples.state.Timestamps.of(now);
    var end = org.alertcluster.examples.state.Timestamps.of(now.plusSeconds(3600));
    return org.alertcluster.examples.silence.pb.MeshSilence.newBuilder()
        .setSilence(org.alertcluster.examples.silence.pb.Silence.newBuilder().setId(id)
            .addMatchers(org.alertcluster.examples.silence.pb.Matcher.newBuilder().setName("job").setPattern(regex)
                .setType(org.alertcluster.examples.silence.pb.Matcher.Type.REGEXP))
            .setStartsAt(ts).setEndsAt(end).setUpdatedAt(ts).setCreatedBy("am").setComment("c"))
        .setExpiresAt(end).build();
  }

  /**
   * The input: a silences snapshot of 3 entries with its last 5 bytes cut. The 2 intact
   * entries are loaded, what was lost is reported, and the damaged bytes are kept aside.
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
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 5);
    Files.write(dir.resolve("silences"), cut);

    Silences b = new Silences(Clock.systemUTC(), Duration.ofHours(1));
    assertThat(store.load(b, "silences")).isPositive();
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.list()).allMatch(s -> a.find(s.id()).orElseThrow().equals(s));
    assertThat(store.lastSkipped()).singleElement().asString().contains("entry #2");
    assertThat(dir.resolve("silences.corrupt")).hasBinaryContent(cut);
  }
}
