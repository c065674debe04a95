package org.alertcluster.osgitests.probe;

import org.alertcluster.api.Channel;

/**
 * The README's whiteboard pattern as a Declarative Services component (described by hand-written
 * XML in the probe bundle, see {@link ProbeBundle#ds}): it provides a State with key
 * {@code ds-probe} and takes its Channel through an optional dynamic reference filtered on
 * {@code alertcluster.state.key}. When the Channel arrives it announces itself with an entry unique
 * to this instance.
 */
public class DsProbeState extends ProbeState {

  private volatile Channel channel;

  public DsProbeState() {
    super("ds-probe");
  }

  /** The entry this instance broadcasts when its Channel is bound. */
  public String hello() {
    return "ds-hello-" + Integer.toHexString(System.identityHashCode(this));
  }

  void bindChannel(Channel c) {
    channel = c;
    c.broadcast(add(hello()));
  }

  void unbindChannel(Channel c) {
    if (channel == c) {
      channel = null;
    }
  }
}
