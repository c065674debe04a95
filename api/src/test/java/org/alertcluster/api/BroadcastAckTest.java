package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BroadcastAckTest {

  @Test
  void completeOnlyWhenNobodyIsMissing() {
    Member a = new Member("a", "127.0.0.1:1");
    assertThat(new BroadcastAck(Set.of(a), Set.of()).complete()).isTrue();
    assertThat(new BroadcastAck(Set.of(), Set.of()).complete()).isTrue();
    assertThat(new BroadcastAck(Set.of(), Set.of(a)).complete()).isFalse();
  }

  @Test
  void setsAreCopiedAndNullsRejected() {
    Set<Member> acked = new HashSet<>();
    BroadcastAck ack = new BroadcastAck(acked, Set.of());
    acked.add(new Member("a", ""));
    assertThat(ack.acknowledged()).isEmpty();
    assertThatThrownBy(() -> new BroadcastAck(null, Set.of())).hasMessageContaining("acknowledged");
  }
}
