package org.alertcluster.shell;

import java.util.function.Function;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code alertcluster:states [cluster]}: Lists the State keys registered with each peer and the size in bytes of each State's full state, marshalled now. */
@Command(scope = "alertcluster", name = "states", description = "Lists the State keys registered with each peer and the size in bytes of each State's full state, marshalled now.")
@Service
public class StatesCommand extends PeerCommand {

  @Override
  Function<Peer, String> report() {
    return PeerReport::states;
  }
}
