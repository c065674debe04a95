package org.alertcluster.spitests.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sample State's local writes under clock skew (issue 10), beyond the kit's merge rules. */
class LwwMapStateTest {

  /**
   * Issue 10's input on the sample: a value written on a replica whose clock is 300 s ahead, then
   * changed on this replica. The change must take effect here and where it is broadcast (with a
   * wall-clock stamp it lost against the value it replaced: nothing changed anywhere).
   */
  @Test
  void aWriteAfterAValueFromAClockAheadTakesEffectEverywhere() {
    LwwMapState ahead = new LwwMapState("sil");
    ahead.put("silence-1", "active", System.currentTimeMillis() + 300_000);
    LwwMapState here = new LwwMapState("sil");
    here.merge(ahead.marshalBinary());

    byte[] delta = here.put("silence-1", "expired");
    ahead.merge(delta);

    assertThat(here.get("silence-1")).get().extracting(LwwEntry::value).isEqualTo("expired");
    assertThat(ahead.sameEntries(here)).as("the replica ahead took the change").isTrue();
  }

  @Test
  void twoWritesInOneMillisecondKeepTheSecond() {
    LwwMapState state = new LwwMapState("sil");
    for (int i = 0; i < 50; i++) {
      state.put("id", "z");
      state.put("id", "a"); // sorts lower: on an equal stamp the tie-break kept "z"
      assertThat(state.get("id")).get().extracting(LwwEntry::value).isEqualTo("a");
    }
  }

  @Test
  void noStampAfterLongMaxValueIsAnErrorNotALostWrite() {
    LwwMapState state = new LwwMapState("sil");
    state.put("id", "v", Long.MAX_VALUE);
    assertThatThrownBy(() -> state.put("id", "w")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'id'");
  }
}
