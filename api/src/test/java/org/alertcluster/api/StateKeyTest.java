package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateKeyTest {

  @Test
  void alertmanagerKeysAreValid() {
    assertThat(State.isValidKey("sil")).isTrue();
    assertThat(State.isValidKey("nfl")).isTrue();
    assertThat(State.isValidKey("my-app.inhibitions_v2")).isTrue();
    assertThat(State.isValidKey("k".repeat(State.MAX_KEY_LENGTH))).isTrue();
  }

  @Test
  void emptyLongOrOddKeysAreInvalid() {
    assertThat(State.isValidKey(null)).isFalse();
    assertThat(State.isValidKey("")).isFalse();
    assertThat(State.isValidKey("k".repeat(State.MAX_KEY_LENGTH + 1))).isFalse();
    assertThat(State.isValidKey("a b")).isFalse();
    assertThat(State.isValidKey("sil/1")).isFalse();
    assertThat(State.isValidKey("é")).isFalse();
  }

  @Test
  void statusMapsToAlertmanagerApiValues() {
    assertThat(PeerStatus.SETTLING.apiValue()).isEqualTo("settling");
    assertThat(PeerStatus.READY.apiValue()).isEqualTo("ready");
    assertThat(PeerStatus.READY_AFTER_TIMEOUT.apiValue()).isEqualTo("ready");
    assertThat(PeerStatus.READY_AFTER_TIMEOUT.isReady()).isTrue();
    assertThat(PeerStatus.SETTLING.isReady()).isFalse();
    assertThat(PeerStatus.LEFT.isReady()).isFalse();
  }
}
