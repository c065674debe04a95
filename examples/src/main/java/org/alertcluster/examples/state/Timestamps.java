package org.alertcluster.examples.state;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions between {@link Instant} and protobuf {@link Timestamp}. */
public final class Timestamps {

  private Timestamps() {}

  /**
   * The protobuf form of an instant.
   *
   * @param instant an instant, not null
   * @return the timestamp
   */
  public static Timestamp of(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /**
   * The instant a timestamp stands for.
   *
   * @param ts a timestamp
   * @return the instant
   */
  public static Instant toInstant(Timestamp ts) {
    return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
  }

  /**
   * Orders two timestamps.
   *
   * @param a one
   * @param b the other
   * @return negative, zero or positive as {@code a} is before, equal to or after {@code b}
   */
  public static int compare(Timestamp a, Timestamp b) {
    int c = Long.compare(a.getSeconds(), b.getSeconds());
    return c != 0 ? c : Integer.compare(a.getNanos(), b.getNanos());
  }
}
