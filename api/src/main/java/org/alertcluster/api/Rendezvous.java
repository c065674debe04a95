package org.alertcluster.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rendezvous (highest-random-weight) hashing over member names: the ranking behind
 * {@link Peer#ranking(String)} and {@link Peer#rank(String)}, public so that a host, a test or a
 * peer implementation in another language can compute exactly the same order.
 *
 * <p><b>The hash, precisely</b> (stable across JVMs, platforms and alertcluster versions; changing it
 * is a major api change): for a key {@code k} and a member name {@code n}, let {@code K} and
 * {@code N} be their UTF-8 encodings. The weight is the first 8 bytes, read as a big-endian
 * <em>unsigned</em> 64-bit integer, of
 * <pre>
 *   SHA-256( uint32_be(len(K)) ‖ K ‖ N )
 * </pre>
 * (the length prefix keeps {@code ("ab","c")} and {@code ("a","bc")} apart). The ranking of a key
 * sorts the members by weight, highest first; members with equal weights (in practice: equal
 * names) are ordered by name, then by address. SHA-256 is present in every Java SE runtime.
 *
 * <p>Why rendezvous hashing: each key picks its owner independently and uniformly, so with N
 * members every member ranks first for about 1/N of the keys; when a member goes, only the keys it
 * ranked first for move, each to the member that ranked second for it. Cost: one SHA-256 of a few
 * dozen bytes per member and key, about a microsecond each.
 *
 * <p>Thread-safe; no state.
 */
public final class Rendezvous {

  private static final Comparator<Member> BY_NAME_THEN_ADDRESS =
      Comparator.comparing(Member::name).thenComparing(Member::address);

  private Rendezvous() {}

  /**
   * The weight of a member name for a key.
   *
   * @param key the key, e.g. an alert group's key; not null
   * @param memberName the member's {@link Member#name()}; not null
   * @return the weight, to be compared as unsigned ({@link Long#compareUnsigned})
   * @throws NullPointerException if an argument is null
   */
  public static long weight(String key, String memberName) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] n = memberName.getBytes(StandardCharsets.UTF_8);
    MessageDigest sha = sha256();
    sha.update(ByteBuffer.allocate(4).putInt(k.length).array());
    sha.update(k);
    sha.update(n);
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  /**
   * Ranks members for a key: the member at index 0 is the key's owner, index 1 the first to take
   * over, and so on. Every caller with the same members (in any order) gets the same list.
   *
   * @param key the key; not null
   * @param members the members to rank; not null, no null elements
   * @return a new immutable list of the same members, highest weight first
   * @throws NullPointerException if an argument or element is null
   */
  public static List<Member> rank(String key, List<Member> members) {
    Objects.requireNonNull(key, "key");
    List<Weighted> weighted = new ArrayList<>(members.size());
    for (Member m : members) {
      weighted.add(new Weighted(m, weight(key, m.name())));
    }
    weighted.sort((a, b) -> {
      int byWeight = Long.compareUnsigned(b.weight, a.weight);
      return byWeight != 0 ? byWeight : BY_NAME_THEN_ADDRESS.compare(a.member, b.member);
    });
    return weighted.stream().map(w -> w.member).toList();
  }

  private record Weighted(Member member, long weight) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
