package org.alertcluster.spitests;

import java.util.Random;
import java.util.function.IntSupplier;
import org.alertcluster.api.State;
import org.alertcluster.spitests.MalformedInputs.Malformed;
import org.alertcluster.spitests.support.Bytes;

/**
 * The bodies of the property rules of {@link StateVerification}: each takes a seed and an update
 * count, builds its replicas from them, and returns null when the rule holds or a {@link Finding}.
 * Replicas are rebuilt from the seed rather than copied, so a check never relies on the very merge
 * and marshal code it is judging.
 */
final class StateChecks<S extends State> {

  private final StateHarness<S> h;
  private final IntSupplier deltaUpdates;

  StateChecks(StateHarness<S> harness, IntSupplier deltaUpdates) {
    this.h = harness;
    this.deltaUpdates = deltaUpdates;
  }

  Finding reproducible(long s, int n) {
    S a = h.build(s, StateHarness.A, n);
    S again = h.build(s, StateHarness.A, n);
    return h.equivalent(a, again) ? null
        : differ("two States built from the same seed differ", "first", a, "second", again);
  }

  Finding roundTrip(long s, int n) {
    S a = h.build(s, StateHarness.A, n);
    S copy = h.create();
    copy.merge(a.marshalBinary());
    return h.equivalent(a, copy) ? null
        : differ("a fresh State that merged a's snapshot is not equivalent to a",
            "a=" + h.describe(a), "a", a, "copy", copy);
  }

  Finding emptyIsNoOp(long s, int n) {
    S a = h.build(s, StateHarness.A, n);
    a.merge(h.create().marshalBinary());
    a.merge(new byte[0]);
    S untouched = h.build(s, StateHarness.A, n);
    if (!h.equivalent(a, untouched)) {
      return differ("merging an empty State's snapshot and an empty buffer changed a State",
          "before", untouched, "after", a);
    }
    S empty = h.create();
    empty.merge(empty.marshalBinary());
    return h.equivalent(empty, h.create()) ? null
        : differ("an empty State that merged its own snapshot is no longer empty", "empty",
            h.create(), "after", empty);
  }

  Finding idempotent(long s, int n) {
    byte[] snapshot = h.build(s, StateHarness.B, n).marshalBinary();
    int deltaSize = Math.min(n, Math.max(1, deltaUpdates.getAsInt()));
    byte[] delta = h.build(s, StateHarness.DELTA, deltaSize).marshalBinary();
    for (byte[] data : new byte[][] {snapshot, delta}) {
      S once = h.build(s, StateHarness.A, n);
      once.merge(data);
      S twice = h.build(s, StateHarness.A, n);
      twice.merge(data);
      twice.merge(data);
      if (!h.equivalent(once, twice)) {
        String what = data == snapshot ? "snapshot" : "delta";
        return new Finding("merging the same " + what + " twice differs from merging it once",
            what + "=" + Bytes.summary(data) + "; base=" + h.describe(h.build(s, StateHarness.A, n)),
            "once=" + h.describe(once) + "; twice=" + h.describe(twice));
      }
    }
    return null;
  }

  Finding commutative(long s, int n) {
    S a = h.build(s, StateHarness.A, n);
    S b = h.build(s, StateHarness.B, n);
    byte[] sa = a.marshalBinary();
    byte[] sb = b.marshalBinary();
    a.merge(sb);
    b.merge(sa);
    if (!h.equivalent(a, b)) {
      return differ("replica a merged b's snapshot and replica b merged a's, and they differ",
          inputs(s, n, "a", StateHarness.A, "b", StateHarness.B), "a+b", a, "b+a", b);
    }
    S ab = h.create();
    ab.merge(sa);
    ab.merge(sb);
    S ba = h.create();
    ba.merge(sb);
    ba.merge(sa);
    return h.equivalent(ab, ba) ? null
        : differ("an empty State merging a then b differs from one merging b then a",
            inputs(s, n, "a", StateHarness.A, "b", StateHarness.B), "a,b", ab, "b,a", ba);
  }

  Finding associative(long s, int n) {
    byte[] sb = h.build(s, StateHarness.B, n).marshalBinary();
    byte[] sc = h.build(s, StateHarness.C, n).marshalBinary();
    S left = h.build(s, StateHarness.A, n);
    left.merge(sb);
    left.merge(sc);
    S bc = h.build(s, StateHarness.B, n);
    bc.merge(sc);
    S right = h.build(s, StateHarness.A, n);
    right.merge(bc.marshalBinary());
    return h.equivalent(left, right) ? null
        : differ("(a+b)+c differs from a+(b+c)", "a=" + h.describe(h.build(s, StateHarness.A, n))
            + "; " + inputs(s, n, "b", StateHarness.B, "c", StateHarness.C), "(a+b)+c", left,
            "a+(b+c)", right);
  }

  Finding ownSnapshotIsNoOp(long s, int n) {
    S a = h.build(s, StateHarness.A, n);
    a.merge(a.marshalBinary());
    S untouched = h.build(s, StateHarness.A, n);
    return h.equivalent(a, untouched) ? null
        : differ("merging a State's own snapshot changed it", "before", untouched, "after", a);
  }

  Finding atomicRejection(long s, int n) {
    byte[] other = h.build(s, StateHarness.B, Math.max(1, n)).marshalBinary();
    Random random = new Random(StateHarness.derive(s, 11));
    for (Malformed bad : MalformedInputs.validThenGarbage(random, other)) {
      S a = h.build(s, StateHarness.A, n);
      try {
        a.merge(bad.data());
      } catch (RuntimeException rejected) {
        S untouched = h.build(s, StateHarness.A, n);
        if (!h.equivalent(a, untouched)) {
          return new Finding("merge threw " + rejected + " on " + bad.label()
              + " but changed the State first (half-applied)", "input=" + Bytes.summary(bad.data()),
              "before=" + h.describe(untouched) + "; after=" + h.describe(a));
        }
      }
    }
    return null;
  }

  Finding malformedNotSwallowed(long s, int n) {
    byte[] valid = h.build(s, StateHarness.B, Math.max(1, n)).marshalBinary();
    return swallowed(MalformedInputs.structural(new Random(StateHarness.derive(s, 12)), valid));
  }

  Finding randomNotSwallowed(long s, int n) {
    return swallowed(MalformedInputs.randomBuffers(new Random(StateHarness.derive(s, 13)), 8));
  }

  private Finding swallowed(Iterable<Malformed> inputs) {
    for (Malformed bad : inputs) {
      S empty = h.create();
      try {
        empty.merge(bad.data());
      } catch (RuntimeException rejected) {
        continue;
      }
      if (h.equivalent(empty, h.create())) {
        return new Finding("merge accepted " + bad.label() + " without an exception and without "
            + "any change: the bytes were swallowed", "input=" + Bytes.summary(bad.data()));
      }
    }
    return null;
  }

  /**
   * Two input replicas as the host's {@code describe} shows them (its entries, when overridden; the
   * snapshot's size and first bytes by default), rebuilt from the seed because the checks merge
   * into the originals.
   */
  private String inputs(long s, int n, String nameA, int roleA, String nameB, int roleB) {
    return nameA + "=" + h.describe(h.build(s, roleA, n)) + "; " + nameB + "="
        + h.describe(h.build(s, roleB, n));
  }

  private Finding differ(String what, String nameA, S a, String nameB, S b) {
    return differ(what, "", nameA, a, nameB, b);
  }

  private Finding differ(String what, String inputs, String nameA, S a, String nameB, S b) {
    return new Finding(what, inputs, nameA + "=" + h.describe(a) + "; " + nameB + "="
        + h.describe(b) + "; snapshots " + Bytes.firstDifference(a.marshalBinary(),
        b.marshalBinary()));
  }
}
