package org.alertcluster.examples.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.alertcluster.api.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of the replicated states on disk, as Alertmanager keeps {@code data/silences} and
 * {@code data/nflog}: the same bytes as {@link State#marshalBinary()}, written atomically
 * (temporary file, then rename) and read back with {@link State#merge(byte[])} before joining.
 */
public final class SnapshotStore {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  private final Path dir;
  private volatile List<String> lastSkipped = List.of();

  /**
   * @param dir the storage directory; created if missing
   * @throws IOException if it cannot be created
   */
  public SnapshotStore(Path dir) throws IOException {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IOException("--storage.path=" + dir + ": the directory cannot be created or written: "
          + reason(e), e);
    }
  }

  /** Java puts only the path in most file-system exceptions' messages; the reason is the type. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String kind = e.getClass().getSimpleName().replace("Exception", "")
        .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    return kind + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /**
   * Loads a snapshot into a state. For the example's own states every complete, readable entry is
   * loaded and each one lost is reported; a damaged file (truncated by a crash or a full disk, or
   * with entries this host cannot read) is also copied aside (suffix {@code .corrupt}). A file with
   * nothing usable is moved aside, so the node starts with what its peers give it.
   *
   * @param state the state
   * @param name the file name
   * @return entries' bytes loaded, 0 if there was no file
   */
  public int load(State state, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      byte[] data = Files.readAllBytes(file);
      if (state instanceof org.alertcluster.examples.state.ExpiringLwwState<?> lenient) {
        // Entry by entry: what cannot be read is skipped and reported; the file stays (the next
        // snapshot rewrites it without those entries).
        List<String> skipped = new java.util.ArrayList<>();
        int read = lenient.mergeSkippingInvalid(data, skipped);
        lastSkipped = List.copyOf(skipped);
        if (read == 0 && !skipped.isEmpty()) {
          throw new IllegalArgumentException(String.join("; ", skipped)); // nothing usable: move it aside
        }
        skipped.forEach(s -> LOG.warn("snapshot {}: {} (the other {} entries were loaded)", file, s, read));
        if (!skipped.isEmpty()) {
          // Keep the damaged bytes for a human (a truncated file, an entry this host cannot read);
          // the next snapshot overwrites the original without what was lost.
          Path aside = file.resolveSibling(name + ".corrupt");
          Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
          LOG.error("snapshot {} is damaged: loaded {} complete entries, lost {} (see the warnings "
              + "above); a copy of the file is kept as {}", file, read, skipped.size(), aside);
        }
      } else {
        state.merge(data);
      }
      LOG.info("loaded {} bytes of {} from {}", data.length, state.key(), file);
      return data.length;
    } catch (IOException | RuntimeException e) {
      LOG.error("snapshot {} is unreadable ({}); moved aside, starting without it", file, e.getMessage());
      try {
        Files.move(file, file.resolveSibling(name + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        LOG.error("cannot move {} aside: {}", file, moveFailed.getMessage());
      }
      return 0;
    }
  }

  /** @return the entries the last {@link #load} skipped, one description each */
  public List<String> lastSkipped() {
    return lastSkipped;
  }

  /**
   * Writes a state's snapshot atomically.
   *
   * @param state the state
   * @param name the file name
   * @throws IOException if writing fails
   */
  public void save(State state, String name) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.write(tmp, state.marshalBinary());
    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
