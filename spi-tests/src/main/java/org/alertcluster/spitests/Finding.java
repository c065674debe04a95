package org.alertcluster.spitests;

/**
 * What a check found wrong: a sentence saying what broke, the inputs that broke it, and the States
 * that came out.
 *
 * @param what the broken expectation, one sentence
 * @param inputs the inputs involved (snapshots, deltas, bad bytes, thread counts), or empty
 * @param got the resulting States (sizes and hex summaries, or your {@code describe}), or empty
 */
record Finding(String what, String inputs, String got) {

  /** A finding whose detail is only its inputs. */
  Finding(String what, String inputs) {
    this(what, inputs, "");
  }

  /** The lines of a failure message after "broke:". */
  String lines() {
    return what + (inputs.isEmpty() ? "" : "\n  inputs:    " + inputs)
        + (got.isEmpty() ? "" : "\n  got:       " + got);
  }
}
