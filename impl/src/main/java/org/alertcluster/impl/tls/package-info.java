/**
 * TLS between peers, on JGroups' own {@code TCP} TLS support: an {@link javax.net.ssl.SSLContext}
 * built from {@link org.alertcluster.api.TlsConfig} whose key and trust managers re-read the files
 * when they change ({@link org.alertcluster.impl.tls.ReloadingMaterial}), verify peers against the
 * trust anchors, check server names the way peers really dial
 * ({@link org.alertcluster.impl.tls.PeerNames}) and log every refused peer. No socket code: JGroups
 * creates the SSL sockets. {@link org.alertcluster.impl.tls.PeerTls} is the package's one door,
 * public only because {@code stack} applies it to the transport. Private to the impl bundle.
 */
package org.alertcluster.impl.tls;
