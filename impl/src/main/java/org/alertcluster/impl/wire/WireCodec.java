package org.alertcluster.impl.wire;

import com.google.protobuf.UnsafeByteOperations;
import java.util.Collection;

/**
 * Encodes and decodes the {@link Envelope} that carries every alertcluster message over JGroups.
 *
 * <p>{@link Part} and {@link FullState} are byte-compatible with Alertmanager's {@code clusterpb}, so
 * State payloads and snapshot files stay interchangeable; the envelope around them is our own
 * because JGroups, not memberlist, carries it.
 *
 * <p>Public only because the root package's receiver, {@code membership} and {@code sync} encode
 * and decode through it; <b>not API</b>: the bundle exports no impl package, and {@code
 * PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class WireCodec {

  private WireCodec() {}

  /** Thrown when bytes from the network are not a usable envelope. */
  public static final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Decodes an envelope; an envelope that parses but carries no known body is malformed too, so
   * random bytes that happen to be valid protobuf are not mistaken for a message.
   *
   * @param buf the buffer; the envelope's bytes fields refer into it, so it must not change afterwards
   * @param offset start of the message in {@code buf}
   * @param length length of the message
   * @return the envelope, with a body set
   * @throws MalformedMessageException if the bytes are not an envelope
   */
  public static Envelope decode(byte[] buf, int offset, int length) throws MalformedMessageException {
    Envelope envelope;
    try {
      // Aliasing: bytes fields (a State's data) refer into buf instead of being copied; the receiver
      // copies each State's part once, for State.merge. Without it every update and full state was
      // copied twice on arrival (parse, then toByteArray). Safe because JGroups gives every message
      // an array of its own and never writes it again.
      com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(buf, offset, length);
      in.enableAliasing(true);
      envelope = Envelope.parseFrom(in);
    } catch (java.io.IOException | RuntimeException e) {
      throw new MalformedMessageException("not an alertcluster envelope: " + e.getMessage(), e);
    }
    if (envelope.getBodyCase() == Envelope.BodyCase.BODY_NOT_SET) {
      throw new MalformedMessageException("envelope without a known body (" + length + " bytes)", null);
    }
    return envelope;
  }

  /** @return an update envelope for a State's delta; {@code data} is wrapped, not copied (the api forbids changing it after broadcast) */
  public static byte[] update(String key, byte[] data) {
    return Envelope.newBuilder()
        .setUpdate(Part.newBuilder().setKey(key).setData(UnsafeByteOperations.unsafeWrap(data)))
        .build()
        .toByteArray();
  }

  /** @return a push-pull request envelope for {@code keys} (empty: all) */
  public static byte[] pushPullRequest(long id, FullState state, Collection<String> keys) {
    return pushPullRequest(id, state, keys, false);
  }

  /**
   * @param noStates the requester holds no State: the reply is to carry none
   * @return a push-pull request envelope
   */
  public static byte[] pushPullRequest(long id, FullState state, Collection<String> keys, boolean noStates) {
    return Envelope.newBuilder()
        .setPushPullRequest(
            PushPullRequest.newBuilder().setId(id).setState(state).addAllKeys(keys).setNoStates(noStates))
        .build()
        .toByteArray();
  }

  /** @return a push-pull reply envelope */
  public static byte[] pushPullReply(long id, FullState state) {
    return Envelope.newBuilder()
        .setPushPullReply(PushPullReply.newBuilder().setId(id).setState(state))
        .build()
        .toByteArray();
  }

  /** @return a one-way full-state envelope */
  public static byte[] fullStatePush(FullState state) {
    return Envelope.newBuilder().setFullStatePush(state).build().toByteArray();
  }

  /** @return a goodbye envelope; its acknowledgements carry {@code id} back */
  public static byte[] goodbye(String name, long id) {
    return Envelope.newBuilder().setGoodbye(Goodbye.newBuilder().setName(name).setId(id)).build()
        .toByteArray();
  }

  /** @return the acknowledgement of the goodbye {@code id} */
  public static byte[] goodbyeAck(long id) {
    return Envelope.newBuilder().setGoodbyeAck(GoodbyeAck.newBuilder().setId(id)).build()
        .toByteArray();
  }

  /** @return an acknowledged update envelope; {@code data} is wrapped, not copied */
  public static byte[] ackedUpdate(long id, String key, byte[] data) {
    return Envelope.newBuilder()
        .setAckedUpdate(AckedUpdate.newBuilder().setId(id)
            .setPart(Part.newBuilder().setKey(key).setData(UnsafeByteOperations.unsafeWrap(data))))
        .build()
        .toByteArray();
  }

  /** @return the answer to an acknowledged update */
  public static byte[] updateAck(long id, boolean applied) {
    return Envelope.newBuilder()
        .setUpdateAck(UpdateAck.newBuilder().setId(id).setApplied(applied))
        .build()
        .toByteArray();
  }
}
