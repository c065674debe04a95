package org.alertcluster.shell;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.alertcluster.api.Peer;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Completes the names of the clusters this container's peers belong to (their service property). */
@Service
public class ClusterNameCompleter implements Completer {

  @Reference
  BundleContext bundleContext;

  @Override
  public int complete(Session session, CommandLine commandLine, List<String> candidates) {
    StringsCompleter delegate = new StringsCompleter(clusters(bundleContext));
    return delegate.complete(session, commandLine, candidates);
  }

  /**
   * @param context a bundle context
   * @return the cluster names of the Peer services, sorted
   */
  static Set<String> clusters(BundleContext context) {
    Set<String> names = new TreeSet<>();
    try {
      for (ServiceReference<Peer> ref : context.getServiceReferences(Peer.class, null)) {
        Object cluster = ref.getProperty(Peer.CLUSTER_PROPERTY);
        if (cluster != null) {
          names.add(cluster.toString());
        }
      }
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e); // a null filter cannot be invalid
    }
    return names;
  }
}
