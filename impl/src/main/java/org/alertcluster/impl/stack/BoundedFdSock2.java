package org.alertcluster.impl.stack;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.View;
import org.jgroups.blocks.cs.NioServer;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;

/**
 * JGroups' {@link FD_SOCK2} with a bound on the frames its server accepts, and with its connect to
 * a new ping destination off the thread that installs a view.
 *
 * <ul>
 *   <li><b>Frames.</b> FD_SOCK2 exposes no {@code max_length}, and its server allocated whatever
 *       length a frame declared: a connection that passed the handshake (cookie, version, an
 *       address: no secret) and declared 64 MiB got 64 MiB allocated and held open until the bytes
 *       came (found by FuzzTest). FD_SOCK2's own frames are a header or two, under 200 bytes; a
 *       longer one closes the connection.</li>
 *   <li><b>Views.</b> On a view, FD_SOCK2 connects to its new ping destination (the next member)
 *       on the calling thread: its request queue processes on the thread that adds when idle, and
 *       {@code connectTo} waits up to {@code connect_timeout} (1 s) for each of the destination's
 *       {@code port_range + 1} (4) ports, member after member while they are unreachable. That
 *       thread is GMS's, installing the view: the application saw the view, and every later
 *       message of the view's sender was held, that much later. Found by NetnsClusterTest's
 *       thread dumps: a member of a healed partition whose new ping destination was still
 *       resolving its address (ARP) delivered the merge view 1.0 s after GMS installed it; a
 *       member whose ping destinations were on the far side of a fresh partition held its
 *       coordinator's views for 8 s (2 members × 4 ports × 1 s), so the side of 2 churned
 *       through merges for 8 s. Here the view's bookkeeping stays on the caller's thread and the
 *       connect runs on this protocol's own thread, one view after another; a view superseded
 *       before its turn is skipped (the next one connects).</li>
 * </ul>
 *
 * <p>Created by {@link StackBuilder} only; JGroups runs a protocol class created in code whatever
 * its visibility ({@code PackagePrivateProtocolTest}).
 */
final class BoundedFdSock2 extends FD_SOCK2 {

  /** FD_SOCK2 sends messages without payload; 64 KiB is far above the largest. */
  static final int MAX_FRAME = 64 * 1024;

  /** The latest view; a queued connect for an older one is skipped. */
  private final AtomicReference<View> latest = new AtomicReference<>();
  private volatile ExecutorService connector;

  /** Registers under FD_SOCK2's protocol id, so headers and lookups stay FD_SOCK2's. */
  BoundedFdSock2() {
    setId(ClassConfigurator.getProtocolId(FD_SOCK2.class));
  }

  @Override
  protected NioServer createServer(int[] bindPorts) {
    NioServer server = super.createServer(bindPorts);
    server.setMaxLength(MAX_FRAME);
    return server;
  }

  @Override
  public void start() throws Exception {
    connector = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "FD_SOCK2-connect," + getAddress());
      t.setDaemon(true);
      return t;
    });
    super.start();
  }

  @Override
  public void stop() {
    ExecutorService c = connector;
    connector = null;
    if (c != null) {
      c.shutdownNow();
    }
    super.stop();
  }

  @Override
  protected void handleView(View view) {
    ExecutorService c = connector;
    if (c == null) {
      super.handleView(view);
      return;
    }
    // What FD_SOCK2 consults at once (who is a member, whom it may ping) is set here, on the
    // caller's thread; the rest, ending in the connect, on the connector.
    members.set(view.getMembers());
    suspected_mbrs.retainAll(view.getMembers());
    pingable_mbrs.set(view.getMembers());
    latest.set(view);
    try {
      c.execute(() -> {
        if (latest.get() == view && connector != null) {
          super.handleView(view);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // stopping: no ping destination to connect to
    }
  }
}
