package org.alertcluster.shell;

import java.util.function.Function;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alertcluster:metrics [cluster]}: Shows every cluster metric of each peer under its Prometheus (Alertmanager) name. */
@Command(scope = "alertcluster", name = "metrics", description = "Shows every cluster metric of each peer under its Prometheus (Alertmanager) name.")
@Service
public class MetricsCommand extends PeerCommand {

  @Override
  Function<Peer, String> report() {
    return PeerReport::metrics;
  }
}
