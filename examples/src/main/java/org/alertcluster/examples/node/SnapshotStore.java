package org.alertcluster.examples.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /**
   * @param dir the storage directory; created if missing
   * @throws IOException if it cannot be created
   */
  public SnapshotStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  /**
   * Loads a snapshot into a state. A corrupt file is moved aside (suffix {@code .corrupt}) and
   * logged, so the node starts with what its peers give it rather than not at all.
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
      state.merge(data);
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
