package org.alertcluster.spitests.inmemory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.PeerVerification;
import org.alertcluster.spitests.VerificationEnvironment;
import org.alertcluster.spitests.inmemory.InMemoryPeer.Flaw;

/**
 * PeerVerification subclasses over the in-memory double, one per flaw. Nested so that surefire does
 * not run them on their own; {@code PeerRulesCatchBrokenPeersTest} runs them with the test kit.
 */
final class PeerIncarnations {

  /** In memory everything is instant: a flawed peer need not make each rule wait 30 s. */
  static final VerificationEnvironment ENVIRONMENT = VerificationEnvironment.fromSystemProperties()
      .withTimeout(Duration.ofSeconds(1));

  private PeerIncarnations() {}

  abstract static class Base extends PeerVerification {
    private final Set<Flaw> flaws;

    Base(Set<Flaw> flaws) {
      super(ENVIRONMENT);
      this.flaws = flaws;
    }

    @Override
    protected Peer createPeer(ClusterConfig config) {
      return InMemoryPeer.start(config, flaws);
    }

    @Override
    protected void crash(Peer peer) {
      ((InMemoryPeer) peer).crash();
    }
  }

  static class Faithful extends Base {
    Faithful() {
      super(EnumSet.noneOf(Flaw.class));
    }
  }

  /** Without crash(): fail01 must be skipped, not failed. */
  static class FaithfulWithoutCrash extends PeerVerification {
    FaithfulWithoutCrash() {
      super(ENVIRONMENT);
    }

    @Override
    protected Peer createPeer(ClusterConfig config) {
      return InMemoryPeer.start(config, EnumSet.noneOf(Flaw.class));
    }
  }

  static class MembersUnsorted extends Base {
    MembersUnsorted() {
      super(EnumSet.of(Flaw.MEMBERS_UNSORTED));
    }
  }

  static class NeverReady extends Base {
    NeverReady() {
      super(EnumSet.of(Flaw.NEVER_READY));
    }
  }

  static class DropsOversized extends Base {
    DropsOversized() {
      super(EnumSet.of(Flaw.DROPS_OVERSIZED));
    }
  }

  static class NoCatchUp extends Base {
    NoCatchUp() {
      super(EnumSet.of(Flaw.NO_CATCH_UP));
    }
  }

  static class LeaveReportedAsFailed extends Base {
    LeaveReportedAsFailed() {
      super(EnumSet.of(Flaw.LEAVE_REPORTED_AS_FAILED));
    }
  }

  static class IgnoresClusterName extends Base {
    IgnoresClusterName() {
      super(EnumSet.of(Flaw.IGNORES_CLUSTER_NAME));
    }
  }

  static class RemoveKeepsDelivering extends Base {
    RemoveKeepsDelivering() {
      super(EnumSet.of(Flaw.REMOVE_KEEPS_DELIVERING));
    }
  }

  static class RanksByPosition extends Base {
    RanksByPosition() {
      super(EnumSet.of(Flaw.RANKS_BY_POSITION));
    }
  }

  static class AcksBeforeApply extends Base {
    AcksBeforeApply() {
      super(EnumSet.of(Flaw.ACKS_BEFORE_APPLY));
    }
  }

  static class AcksEveryone extends Base {
    AcksEveryone() {
      super(EnumSet.of(Flaw.ACKS_EVERYONE));
    }
  }
}
