package org.alertcluster.shell;

import java.util.function.Function;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alertcluster:status [cluster]}: Shows each peer's status and settle state (settling, ready, ready after the settle timeout), member count, position and failed peers. */
@Command(scope = "alertcluster", name = "status", description = "Shows each peer's status and settle state (settling, ready, ready after the settle timeout), member count, position and failed peers.")
@Service
public class StatusCommand extends PeerCommand {

  @Override
  Function<Peer, String> report() {
    return PeerReport::status;
  }
}
