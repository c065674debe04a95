package org.alertcluster.impl.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.blocks.cs.Connection;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link WriteDeadline} on a clock the test moves: which connections count as stuck,
 * when, and that each is cut once. {@link TlsWriteDeadlineTest} shows the effect on a real cluster.
 */
class WriteDeadlineTest {

  private static final long DEADLINE_MS = 1_000;

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Connection> cut = new ArrayList<>();
  private final WriteDeadline writes =
      new WriteDeadline(DEADLINE_MS, p -> cut.add(p.connection), now::get);

  private void advanceMs(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void aWritePendingPastTheDeadlineIsCutOnceAndCounted() {
    FakeConnection c = new FakeConnection();
    writes.begin(c);
    advanceMs(DEADLINE_MS);
    writes.sweep();
    assertThat(cut).as("exactly at the deadline: not yet").isEmpty();
    advanceMs(1);
    writes.sweep();
    writes.sweep();
    advanceMs(DEADLINE_MS);
    writes.sweep();
    assertThat(cut).as("cut once, however many sweeps see it stuck").containsExactly(c);
    assertThat(writes.cuts()).isEqualTo(1);
  }

  @Test
  void aWriterJoiningAPendingOneDoesNotRestartTheClock() {
    FakeConnection c = new FakeConnection();
    writes.begin(c);
    advanceMs(DEADLINE_MS - 10);
    writes.begin(c); // e.g. the next multicast, queued on the connection's lock
    advanceMs(20);
    writes.sweep();
    assertThat(cut).containsExactly(c);
  }

  @Test
  void aCompletedWriteIsProgressAndRestartsTheClockForThoseStillWaiting() {
    FakeConnection c = new FakeConnection();
    WriteDeadline.Progress first = writes.begin(c);
    advanceMs(10);
    writes.begin(c);
    advanceMs(DEADLINE_MS - 20);
    writes.end(first);
    advanceMs(DEADLINE_MS - 10);
    writes.sweep();
    assertThat(cut).as("the second writer waits, but the connection moved %d ms ago",
        DEADLINE_MS - 10).isEmpty();
    advanceMs(20);
    writes.sweep();
    assertThat(cut).containsExactly(c);
  }

  @Test
  void idleConnectionsAreNeverCutAndClosedOnesAreForgotten() {
    FakeConnection open = new FakeConnection();
    FakeConnection closed = new FakeConnection();
    writes.end(writes.begin(open));
    writes.end(writes.begin(closed));
    closed.closed = true;
    advanceMs(10 * DEADLINE_MS);
    writes.sweep();
    assertThat(cut).isEmpty();
    assertThat(writes.tracked()).as("only the open connection is still tracked").isEqualTo(1);
  }

  @Test
  void aViewThatRemovesAMemberCutsItsConnectionAtOnceOnlyIfAWriteIsPending() {
    FakeConnection idle = new FakeConnection();
    FakeConnection busy = new FakeConnection();
    writes.end(writes.begin(idle));
    writes.begin(busy);
    assertThat(writes.cutIfPending(idle)).isFalse();
    assertThat(writes.cutIfPending(busy)).isTrue();
    assertThat(writes.cutIfPending(busy)).as("already cut").isFalse();
    advanceMs(2 * DEADLINE_MS);
    writes.sweep();
    assertThat(cut).containsExactly(busy);
  }

  /** A connection that only knows whether it is closed. */
  private static final class FakeConnection extends Connection {
    volatile boolean closed;

    @Override
    public boolean isConnected() {
      return !closed;
    }

    @Override
    public boolean isConnectionPending() {
      return false;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public Address localAddress() {
      return null;
    }

    @Override
    public void flush() {}

    @Override
    public void connect(Address dest) {}

    @Override
    public void start() {}

    @Override
    public void send(byte[] buf, int offset, int length) {}

    @Override
    public void send(ByteBuffer buf) {}

    @Override
    public String status() {
      return closed ? "closed" : "connected";
    }

    @Override
    public void close(boolean graceful) {
      closed = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
