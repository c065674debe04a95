package org.alertcluster.shell;

import java.util.function.Function;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alertcluster:members [cluster]}: Lists the members of each peer's cluster in position order (position 0 notifies first), with their addresses, and the failed peers still being retried. */
@Command(scope = "alertcluster", name = "members", description = "Lists the members of each peer's cluster in position order (position 0 notifies first), with their addresses, and the failed peers still being retried.")
@Service
public class MembersCommand extends PeerCommand {

  @Override
  Function<Peer, String> report() {
    return PeerReport::members;
  }
}
