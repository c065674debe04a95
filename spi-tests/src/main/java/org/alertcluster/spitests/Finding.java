package org.alertcluster.spitests;

/**
 * What a check found wrong: a sentence saying what broke, and the inputs and States involved.
 *
 * @param what the broken expectation, one sentence
 * @param detail the inputs and States involved (sizes and hex summaries)
 */
record Finding(String what, String detail) {}
