package org.alertcluster.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What the commands share: the optional cluster argument (completed with the clusters of this
 * container's peers), finding the peers, and printing one report per peer.
 */
abstract class PeerCommand implements Action {

  @Argument(index = 0, name = "cluster",
      description = "The cluster name (Tab completes); all peers of this container when left out",
      required = false)
  @Completion(ClusterNameCompleter.class)
  String cluster;

  @Reference
  BundleContext bundleContext;

  /** @return the report for one peer */
  abstract Function<Peer, String> report();

  @Override
  public Object execute() throws Exception {
    PrintStream out = System.out;
    List<Peer> peers = peers(bundleContext, cluster);
    if (peers.isEmpty()) {
      // A message, not an exception: an empty container is a normal answer to "what is running".
      out.println(cluster == null
          ? "No alertcluster peer is running in this container (configure org.alertcluster.peer)."
          : "No alertcluster peer of cluster '" + cluster + "' in this container; clusters here: "
              + String.join(", ", ClusterNameCompleter.clusters(bundleContext)));
      return null;
    }
    for (int i = 0; i < peers.size(); i++) {
      if (i > 0) {
        out.println();
      }
      out.print(report().apply(peers.get(i)));
    }
    return null;
  }

  /**
   * The Peer services of the container, by cluster and name.
   *
   * @param context a bundle context
   * @param cluster a cluster name, or null for all
   * @return the peers
   */
  static List<Peer> peers(BundleContext context, String cluster) throws InvalidSyntaxException {
    Collection<ServiceReference<Peer>> refs = context.getServiceReferences(Peer.class, null);
    List<Peer> peers = new ArrayList<>();
    for (ServiceReference<Peer> ref : refs) {
      Peer p = context.getService(ref);
      if (p == null) {
        continue;
      }
      try {
        if (cluster == null || cluster.equals(p.config().clusterName())) {
          peers.add(p);
        }
      } finally {
        // The peer object stays usable for this command; the service use count is not kept.
        context.ungetService(ref);
      }
    }
    peers.sort(Comparator.comparing((Peer p) -> p.config().clusterName()).thenComparing(Peer::name));
    return peers;
  }
}
