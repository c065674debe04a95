/**
 * The wire format: protobuf classes generated from {@code cluster.proto} ({@code Part} and
 * {@code FullState} byte-compatible with Alertmanager's {@code clusterpb}, plus alertcluster's
 * {@code Envelope}) and {@link org.alertcluster.impl.wire.WireCodec}, the package's door. protoc
 * makes every generated class public; the root package, {@code membership} and {@code sync} read
 * the decoded {@code Envelope}. Private to the impl bundle.
 */
package org.alertcluster.impl.wire;
