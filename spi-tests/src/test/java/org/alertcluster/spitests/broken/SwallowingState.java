package org.alertcluster.spitests.broken;

/**
 * Broken on purpose: a correct last-write-wins map whose merge catches parse errors and returns as if
 * nothing happened. Nothing is half-applied, but corrupt or foreign bytes vanish without a trace, so
 * the peer cannot count them (input02).
 */
public final class SwallowingState extends MapStateBase {

  @Override
  public void merge(byte[] data) {
    try {
      super.merge(data);
    } catch (IllegalArgumentException e) {
      // The flaw under test: the error is dropped.
    }
  }
}
