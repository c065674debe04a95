package org.alertcluster.impl.osgi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.State;

/**
 * The object registered as the Peer service. It delegates everything except
 * {@link #leave(Duration)} and {@link #close()}: a peer shared by every bundle of the container
 * belongs to its configuration, so one consumer must not be able to take it away from the others.
 * Deleting the configuration (or stopping the impl bundle) is how a peer leaves.
 */
final class ContainerOwnedPeer implements Peer {

  private final Peer delegate;
  private final String pid;

  ContainerOwnedPeer(Peer delegate, String pid) {
    this.delegate = delegate;
    this.pid = pid;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Member self() {
    return delegate.self();
  }

  @Override
  public List<Member> members() {
    return delegate.members();
  }

  @Override
  public int clusterSize() {
    return delegate.clusterSize();
  }

  @Override
  public int position() {
    return delegate.position();
  }

  @Override
  public PeerStatus status() {
    return delegate.status();
  }

  @Override
  public ClusterConfig config() {
    return delegate.config();
  }

  @Override
  public Channel addState(State state) {
    return delegate.addState(state);
  }

  @Override
  public void removeState(String key) {
    delegate.removeState(key);
  }

  @Override
  public Optional<Channel> channel(String key) {
    return delegate.channel(key);
  }

  @Override
  public CompletionStage<Void> ready() {
    return delegate.ready();
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return delegate.awaitReady(timeout);
  }

  /**
   * Refused: the peer belongs to its configuration.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void leave(Duration timeout) {
    throw refused();
  }

  /**
   * Refused: the peer belongs to its configuration.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void close() {
    throw refused();
  }

  @Override
  public void addMembershipListener(MembershipListener listener) {
    delegate.addMembershipListener(listener);
  }

  @Override
  public void removeMembershipListener(MembershipListener listener) {
    delegate.removeMembershipListener(listener);
  }

  @Override
  public ClusterMetrics metrics() {
    return delegate.metrics();
  }

  @Override
  public List<Member> failedMembers() {
    return delegate.failedMembers();
  }

  @Override
  public java.util.Map<String, Integer> stateSizes() {
    return delegate.stateSizes();
  }

  @Override
  public String toString() {
    return "Peer service " + delegate.name() + " (configuration " + pid + ")";
  }

  private UnsupportedOperationException refused() {
    return new UnsupportedOperationException("The Peer service " + delegate.name()
        + " is owned by the configuration " + pid + "; delete or change that configuration"
        + " (or stop the impl bundle) to leave the cluster");
  }
}
