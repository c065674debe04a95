/**
 * Replicated silences (State key {@code sil}): create, update, expire, mute.
 */
package org.alertcluster.examples.silence;
