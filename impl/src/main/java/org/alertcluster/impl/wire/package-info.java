/**
 * The wire format: protobuf classes generated from {@code cluster.proto} ({@code Part} and
 * {@code FullState} byte-compatible with Alertmanager's {@code clusterpb}, plus alertcluster's
 * {@code Envelope}) and {@link org.alertcluster.impl.wire.WireCodec}. Private to the impl bundle.
 */
package org.alertcluster.impl.wire;
