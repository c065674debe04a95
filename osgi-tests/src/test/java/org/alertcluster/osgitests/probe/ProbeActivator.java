package org.alertcluster.osgitests.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import org.alertcluster.api.Channel;
import org.alertcluster.api.State;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The activator of the probe bundles the container tests build at run time: a host bundle that
 * contributes one {@link ProbeState} to the State whiteboard, configured by manifest headers.
 *
 * <ul>
 *   <li>{@code Probe-Key}: the State key (required).</li>
 *   <li>{@code Probe-Cluster}: sets {@value State#CLUSTER_PROPERTY} (optional).</li>
 *   <li>{@code Probe-Entries}: comma-separated initial entries (optional).</li>
 *   <li>{@code Probe-Announce}: an entry to add and broadcast once the Channel service for the key
 *       appears, the way a host gets its Channel by reference filter (optional).</li>
 *   <li>{@code Probe-Dump}: a file rewritten with the entries after every merge, so a test outside
 *       the container can watch the State (optional).</li>
 * </ul>
 */
public final class ProbeActivator implements BundleActivator {

  private ServiceTracker<Channel, Channel> channels;

  @Override
  public void start(BundleContext context) throws Exception {
    Dictionary<String, String> headers = context.getBundle().getHeaders();
    String key = headers.get("Probe-Key");
    ProbeState state = new ProbeState(key);
    String entries = headers.get("Probe-Entries");
    if (entries != null && !entries.isBlank()) {
      state.add(entries.split(","));
    }
    String dump = headers.get("Probe-Dump");
    if (dump != null) {
      state.onMerge(s -> write(Path.of(dump), s));
      write(Path.of(dump), state);
    }
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(State.KEY_PROPERTY, key);
    String cluster = headers.get("Probe-Cluster");
    if (cluster != null) {
      props.put(State.CLUSTER_PROPERTY, cluster);
    }
    context.registerService(State.class, state, props);

    String announce = headers.get("Probe-Announce");
    if (announce != null) {
      String filter = "(&(objectClass=" + Channel.class.getName() + ")(" + State.KEY_PROPERTY + "="
          + key + "))";
      channels = new ServiceTracker<>(context, context.createFilter(filter), null) {
        @Override
        public Channel addingService(ServiceReference<Channel> reference) {
          Channel channel = super.addingService(reference);
          channel.broadcast(state.add(announce));
          return channel;
        }
      };
      channels.open();
    }
  }

  @Override
  public void stop(BundleContext context) {
    if (channels != null) {
      channels.close();
    }
  }

  /** Rewrites the dump file; merges run on several threads, hence the lock and unique temp file. */
  private static synchronized void write(Path file, ProbeState state) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), "probe", ".tmp");
      Files.write(tmp, String.join("\n", state.contents()).getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
