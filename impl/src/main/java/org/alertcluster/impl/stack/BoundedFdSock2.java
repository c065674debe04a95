package org.alertcluster.impl.stack;

import org.jgroups.blocks.cs.NioServer;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;

/**
 * JGroups' {@link FD_SOCK2} with a bound on the frames its server accepts. FD_SOCK2 exposes no
 * {@code max_length}, and its server allocated whatever length a frame declared: a connection that
 * passed the handshake (cookie, version, an address: no secret) and declared 64 MiB got 64 MiB
 * allocated and held open until the bytes came (found by FuzzTest). FD_SOCK2's own frames are a
 * header or two, under 200 bytes; a longer one closes the connection.
 *
 * <p>Created by {@link StackBuilder} only; JGroups runs a protocol class created in code whatever
 * its visibility ({@code PackagePrivateProtocolTest}).
 */
final class BoundedFdSock2 extends FD_SOCK2 {

  /** FD_SOCK2 sends messages without payload; 64 KiB is far above the largest. */
  static final int MAX_FRAME = 64 * 1024;

  /** Registers under FD_SOCK2's protocol id, so headers and lookups stay FD_SOCK2's. */
  BoundedFdSock2() {
    setId(ClassConfigurator.getProtocolId(FD_SOCK2.class));
  }

  @Override
  protected NioServer createServer(int[] bindPorts) {
    NioServer server = super.createServer(bindPorts);
    server.setMaxLength(MAX_FRAME);
    return server;
  }
}
