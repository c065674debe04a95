package org.alertcluster.osgitests.probe;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import org.alertcluster.api.State;

/**
 * A grow-only set of strings: the smallest State that converges (merge is a set union, so it is
 * idempotent, commutative and associative). Marshalled as newline-separated UTF-8.
 *
 * <p>Used inside the probe bundles that the container tests build at run time, and directly by the
 * plain-JVM tests.
 */
public class ProbeState implements State {

  private final String key;
  private final Set<String> entries = new ConcurrentSkipListSet<>();
  private volatile Consumer<ProbeState> onMerge = s -> {};

  public ProbeState(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** Adds entries locally and returns their delta, ready for {@code Channel.broadcast}. */
  public byte[] add(String... values) {
    for (String v : values) {
      entries.add(v);
    }
    return encode(Set.of(values));
  }

  /** Called after every merge (the Karaf probe writes its contents to a file there). */
  public void onMerge(Consumer<ProbeState> listener) {
    this.onMerge = listener;
  }

  /** A sorted copy of the entries. */
  public Set<String> contents() {
    return new TreeSet<>(entries);
  }

  @Override
  public byte[] marshalBinary() {
    return encode(entries);
  }

  @Override
  public void merge(byte[] data) {
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        entries.add(line);
      }
    }
    onMerge.accept(this);
  }

  /** Decodes what {@link #marshalBinary()} produced (the tests read remote contents this way). */
  public static Set<String> decode(byte[] data) {
    Set<String> out = new TreeSet<>();
    for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  private static byte[] encode(Set<String> values) {
    return String.join("\n", new TreeSet<>(values)).getBytes(StandardCharsets.UTF_8);
  }
}
