package org.alertcluster.examples.silence;

import java.util.ArrayList;
import java.util.List;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.pb.MeshSilence;
import org.alertcluster.examples.state.Timestamps;

/** Converts silences between their domain form and the replicated protobuf form. */
final class SilenceCodec {

  private SilenceCodec() {}

  static org.alertcluster.examples.silence.pb.Silence toProto(Silence s) {
    var b = org.alertcluster.examples.silence.pb.Silence.newBuilder()
        .setId(s.id())
        .setStartsAt(Timestamps.of(s.startsAt()))
        .setEndsAt(Timestamps.of(s.endsAt()))
        .setUpdatedAt(Timestamps.of(s.updatedAt()))
        .setCreatedBy(s.createdBy())
        .setComment(s.comment());
    for (Matcher m : s.matchers()) {
      b.addMatchers(org.alertcluster.examples.silence.pb.Matcher.newBuilder()
          .setName(m.name()).setPattern(m.value()).setType(toProto(m.type())));
    }
    return b.build();
  }

  /**
   * The domain form of a replicated silence.
   *
   * @throws IllegalArgumentException if a matcher is invalid
   */
  static Silence fromProto(MeshSilence mesh) {
    var p = mesh.getSilence();
    List<Matcher> matchers = new ArrayList<>();
    for (var m : p.getMatchersList()) {
      matchers.add(new Matcher(m.getName(), m.getPattern(), fromProto(m.getType())));
    }
    return new Silence(p.getId(), matchers, Timestamps.toInstant(p.getStartsAt()),
        Timestamps.toInstant(p.getEndsAt()), p.getCreatedBy(), p.getComment(),
        Timestamps.toInstant(p.getUpdatedAt()));
  }

  private static org.alertcluster.examples.silence.pb.Matcher.Type toProto(Matcher.Type t) {
    return switch (t) {
      case EQUAL -> org.alertcluster.examples.silence.pb.Matcher.Type.EQUAL;
      case NOT_EQUAL -> org.alertcluster.examples.silence.pb.Matcher.Type.NOT_EQUAL;
      case REGEX -> org.alertcluster.examples.silence.pb.Matcher.Type.REGEXP;
      case NOT_REGEX -> org.alertcluster.examples.silence.pb.Matcher.Type.NOT_REGEXP;
    };
  }

  private static Matcher.Type fromProto(org.alertcluster.examples.silence.pb.Matcher.Type t) {
    return switch (t) {
      case EQUAL -> Matcher.Type.EQUAL;
      case NOT_EQUAL -> Matcher.Type.NOT_EQUAL;
      case REGEXP -> Matcher.Type.REGEX;
      case NOT_REGEXP -> Matcher.Type.NOT_REGEX;
      default -> throw new IllegalArgumentException("unknown matcher type " + t);
    };
  }
}
