package org.alertcluster.osgitests.plain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alertcluster.osgitests.probe.ProbeState;

/** A State a jar contributes through META-INF/services/org.alertcluster.api.State. */
public class DiscoveredState extends ProbeState {

  /** Every instance ServiceLoader made, in creation order, so the test can look inside. */
  static final List<DiscoveredState> INSTANCES = new CopyOnWriteArrayList<>();

  public DiscoveredState() {
    super("discovered");
    INSTANCES.add(this);
  }

  /** A second provider with the same key, to check that a clash is refused. */
  public static class Twin extends ProbeState {
    public Twin() {
      super("discovered");
    }
  }
}
