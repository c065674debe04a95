package org.alertcluster.impl.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

  @Test
  void partAndFullStateAreByteCompatibleWithAlertmanagersClusterpb() {
    // clusterpb.Part{Key: "sil", Data: {1, 2}}: field 1 (string), field 2 (bytes).
    Part part = Part.newBuilder().setKey("sil").setData(ByteString.copyFrom(new byte[] {1, 2})).build();
    assertThat(HexFormat.of().formatHex(part.toByteArray())).isEqualTo("0a0373696c12020102");
    // clusterpb.FullState{Parts: [part]}: field 1, repeated message.
    FullState full = FullState.newBuilder().addParts(part).build();
    assertThat(HexFormat.of().formatHex(full.toByteArray())).isEqualTo("0a090a0373696c12020102");
  }

  @Test
  void envelopesRoundTrip() throws Exception {
    byte[] u = WireCodec.update("nfl", new byte[] {7});
    Envelope e = WireCodec.decode(u, 0, u.length);
    assertThat(e.getUpdate().getKey()).isEqualTo("nfl");
    assertThat(e.getUpdate().getData().toByteArray()).containsExactly(7);

    FullState fs = FullState.newBuilder().addParts(Part.newBuilder().setKey("sil")).build();
    byte[] req = WireCodec.pushPullRequest(42, fs, List.of("sil"));
    byte[] framed = new byte[req.length + 3];
    System.arraycopy(req, 0, framed, 3, req.length);
    Envelope r = WireCodec.decode(framed, 3, req.length); // offset and length are honoured
    assertThat(r.getPushPullRequest().getId()).isEqualTo(42);
    assertThat(r.getPushPullRequest().getKeysList()).containsExactly("sil");
    assertThat(r.getPushPullRequest().getState()).isEqualTo(fs);

    byte[] g = WireCodec.goodbye("me", 7);
    assertThat(WireCodec.decode(g, 0, g.length).getGoodbye().getName()).isEqualTo("me");
    assertThat(WireCodec.decode(g, 0, g.length).getGoodbye().getId()).isEqualTo(7);
    byte[] ack = WireCodec.goodbyeAck(7);
    assertThat(WireCodec.decode(ack, 0, ack.length).getGoodbyeAck().getId()).isEqualTo(7);
  }

  @Test
  void anEnvelopeWithoutABodyIsMalformed() {
    assertThatThrownBy(() -> WireCodec.decode(new byte[0], 0, 0))
        .isInstanceOf(WireCodec.MalformedMessageException.class);
    byte[] unknownField = {(byte) 0xF8, 0x01, 0x01}; // field 31, varint: parses, but no body
    assertThatThrownBy(() -> WireCodec.decode(unknownField, 0, unknownField.length))
        .isInstanceOf(WireCodec.MalformedMessageException.class);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261125})
  void randomBytesNeverEscapeAsAnythingButMalformedOrAValidEnvelope(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      try {
        Envelope e = WireCodec.decode(junk, 0, junk.length);
        assertThat(e.getBodyCase()).as("seed %d", seed).isNotEqualTo(Envelope.BodyCase.BODY_NOT_SET);
      } catch (WireCodec.MalformedMessageException expected) {
        // counted and dropped by the receiver
      }
    }
  }
}
