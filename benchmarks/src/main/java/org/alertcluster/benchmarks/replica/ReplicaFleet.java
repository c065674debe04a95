package org.alertcluster.benchmarks.replica;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alertcluster replica as users run it: {@code bin/alertcluster-node} from the unpacked tarball. */
final class ReplicaFleet extends Fleet {

  private final Path launcher;

  ReplicaFleet(Path launcher, Path dir, int n) throws IOException {
    super("alertcluster replica", dir, n);
    this.launcher = launcher;
  }

  @Override
  List<String> command(List<String> flags) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(flags);
    return cmd;
  }
}
