package org.alertcluster.examples.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error that stops a start is printed in one style: {@code alertcluster-node: error: }, the
 * flag, the reason. There were three ({@code alertcluster-node: error:}, {@code error loading
 * config:}, {@code cannot start:}), and the config file's errors did not name the flag.
 */
class MainTest {

  @Test
  void flagErrorsConfigErrorsAndStartErrorsShareOnePrefixAndNameTheFlag(@TempDir Path dir) {
    assertThat(Main.errorLine(catchThrowableOfType(UsageException.class,
        () -> Flags.parse("--cluster.peer=http://am-1:9094"))))
        .isEqualTo("alertcluster-node: error: --cluster.peer[0] must be host:port, was"
            + " 'http://am-1:9094' (no scheme: give host:port, such as 'am-1:9094')");

    Path missing = dir.resolve("nope.yml");
    assertThat(Main.errorLine(catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(missing))))
        .isEqualTo("alertcluster-node: error: --config.file=" + missing + ": no such file");

    // the peer's start errors name ClusterConfig fields; the operator typed flags
    assertThat(Main.errorLine(new IllegalStateException("Cannot start the cluster peer on"
        + " ClusterConfig.bindAddress '127.0.0.1:9094' (BindException)")))
        .isEqualTo("alertcluster-node: error: Cannot start the cluster peer on"
            + " --cluster.listen-address '127.0.0.1:9094' (BindException)");
    assertThat(Main.errorLine(new IOException("--web.listen-address=127.0.0.1:9093: cannot listen")))
        .isEqualTo("alertcluster-node: error: --web.listen-address=127.0.0.1:9093: cannot listen");
  }
}
