package org.alertcluster.examples.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.alertcluster.api.State;
import org.alertcluster.examples.state.ExpiringLwwState;
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

  /**
   * @param dir the storage directory; created if missing
   * @throws IOException if it cannot be created
   */
  public SnapshotStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  /**
   * Loads a snapshot into a state. A damaged file is moved aside (suffix {@code .corrupt}) and
   * logged; for the example's own states ({@link ExpiringLwwState}: silences, notification log)
   * every complete entry before the damage is loaded first and the log says what was lost, so a
   * snapshot cut short by a crash costs only its tail.
   *
   * @param state the state
   * @param name the file name
   * @return bytes of the file loaded, 0 if there was no file or nothing could be read
   */
  public int load(State state, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.error("snapshot {} is unreadable ({}); moved aside, starting without it", file,
          e.getMessage());
      setAside(file, name);
      return 0;
    }
    try {
      state.merge(data);
      LOG.info("loaded {} bytes of {} from {}", data.length, state.key(), file);
      return data.length;
    } catch (RuntimeException e) {
      // A snapshot cut short (crash, full disk) still holds complete entries before the damage:
      // keep them, and keep the file for a human to look at.
      int loaded = 0;
      if (state instanceof ExpiringLwwState<?> entries) {
        ExpiringLwwState.Recovery r = entries.mergeCompleteEntries(data);
        loaded = r.entries() == 0 ? 0 : r.bytesUsed();
        LOG.error("snapshot {} is damaged ({}): loaded the {} complete entries in its first {} of "
            + "{} bytes{}; lost everything after byte {} ({}); the file is moved to {}.corrupt",
            file, e.getMessage(), r.entries(), r.bytesUsed(), data.length,
            r.skipped() == 0 ? "" : " (" + r.skipped() + " invalid entries skipped)",
            r.bytesUsed(), r.problem() == null ? "no further problem" : r.problem(), name);
      } else {
        LOG.error("snapshot {} is unreadable ({}); moved aside, starting without it", file,
            e.getMessage());
      }
      setAside(file, name);
      return loaded;
    }
  }

  private static void setAside(Path file, String name) {
    try {
      Files.move(file, file.resolveSibling(name + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException moveFailed) {
      LOG.error("cannot move {} aside: {}", file, moveFailed.getMessage());
    }
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
