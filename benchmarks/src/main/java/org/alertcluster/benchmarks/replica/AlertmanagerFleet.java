package org.alertcluster.benchmarks.replica;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Alertmanager 0.25 (Debian's prometheus-alertmanager) with its defaults (200 ms gossip interval). */
final class AlertmanagerFleet extends Fleet {

  private final Path binary;

  AlertmanagerFleet(Path binary, Path dir, int n) throws IOException {
    super("Alertmanager 0.25", dir, n);
    this.binary = binary;
  }

  @Override
  List<String> command(List<String> flags) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--log.level=warn"));
    cmd.addAll(flags);
    return cmd;
  }
}
