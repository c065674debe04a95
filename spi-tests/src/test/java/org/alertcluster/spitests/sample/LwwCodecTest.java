package org.alertcluster.spitests.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample codec's edges, beyond what the kit's rules exercise at random. */
class LwwCodecTest {

  @Test
  void emptyListIsEmptyBufferAndBack() {
    assertThat(LwwCodec.encode(List.of())).isEmpty();
    assertThat(LwwCodec.decode(new byte[0])).isEmpty();
  }

  @Test
  void roundTripsUnicodeAndExtremeTimestamps() {
    List<LwwEntry> entries = List.of(new LwwEntry("ключ-😀", "", Long.MIN_VALUE),
        new LwwEntry("", "värde", Long.MAX_VALUE), new LwwEntry("x".repeat(300), "y", -1));
    assertThat(LwwCodec.decode(LwwCodec.encode(entries))).isEqualTo(entries);
  }

  @Test
  void rejectsLoneVersionByteAndUnknownVersion() {
    assertThatThrownBy(() -> LwwCodec.decode(new byte[] {0x01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without entries");
    assertThatThrownBy(() -> LwwCodec.decode(new byte[] {0x02, 0x00, 0x00}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 0x2");
  }

  @Test
  void rejectsLengthsBeyondLimitOrBufferBeforeAllocating() {
    byte[] huge = {0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'a'};
    assertThatThrownBy(() -> LwwCodec.decode(huge)).hasMessageContaining("exceeds the limit");
    byte[] short1 = {0x01, 0x05, 'a', 'b'};
    assertThatThrownBy(() -> LwwCodec.decode(short1)).hasMessageContaining("bytes left");
    byte[] longVarint = {0x01, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0};
    assertThatThrownBy(() -> LwwCodec.decode(longVarint)).hasMessageContaining("longer than 5");
  }

  @Test
  void rejectsMalformedUtf8AndTruncatedTimestamp() {
    byte[] badUtf8 = {0x01, 0x01, (byte) 0xc3, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> LwwCodec.decode(badUtf8)).hasMessageContaining("not valid UTF-8");
    byte[] valid = LwwCodec.encode(List.of(new LwwEntry("a", "b", 7)));
    byte[] cut = java.util.Arrays.copyOf(valid, valid.length - 3);
    assertThatThrownBy(() -> LwwCodec.decode(cut)).hasMessageContaining("truncated timestamp");
  }

  @Test
  void stateRejectsTooLongValueWithoutStoringIt() {
    LwwMapState state = new LwwMapState("t");
    assertThatThrownBy(() -> state.put("id", "v".repeat(LwwCodec.MAX_VALUE_BYTES + 1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(state.size()).isZero();
    assertThatThrownBy(() -> new LwwMapState("bad key!")).hasMessageContaining("does not match");
  }
}
