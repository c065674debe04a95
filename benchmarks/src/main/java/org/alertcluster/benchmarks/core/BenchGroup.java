package org.alertcluster.benchmarks.core;

/**
 * N members in this JVM that broadcast from member 0: either raw JGroups channels or alertcluster
 * peers, on the same protocol stack, so the two can be measured by the same code.
 */
interface BenchGroup extends AutoCloseable {

  /** Called on a receiving member's thread for every delivered payload. */
  @FunctionalInterface
  interface Recorder {
    void received(int member, byte[] buf, int offset, int length);
  }

  /** @return "raw JGroups" or "alertcluster" */
  String kind();

  /** @return the number of members */
  int size();

  /** Sends a payload from member 0 to every other member (never to itself). */
  void broadcast(byte[] payload) throws Exception;

  /** @return how many members member {@code i} currently sees, itself included */
  int viewSize(int i);

  /** Closes member {@code i} gracefully. */
  void closeMember(int i) throws Exception;

  /** @return payloads that were dropped before the network (alertcluster's queues), or 0 */
  long dropped();

  @Override
  void close();
}
