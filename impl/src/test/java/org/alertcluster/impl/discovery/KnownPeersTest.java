package org.alertcluster.impl.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resolution and re-resolution of known peers, with a controllable resolver standing in for DNS. */
class KnownPeersTest {

  private final ExecutorService lookups = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    lookups.shutdownNow();
  }

  @Test
  void ipLiteralsStandForThemselvesAndNamesForAllTheirAddresses() throws Exception {
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    KnownPeers peers = new KnownPeers(List.of("192.168.1.9:9094", "am.headless:9094"), lookups,
        host -> host.equals("am.headless") ? new InetAddress[] {a, b} : InetAddress.getAllByName(host));
    assertThat(peers.hasHostNames()).isTrue();
    assertThat(peers.resolve(Duration.ofSeconds(2))).containsExactly(
        new InetSocketAddress("192.168.1.9", 9094), new InetSocketAddress(a, 9094),
        new InetSocketAddress(b, 9094));
  }

  @Test
  void refreshFindsNewAddressesAndKeepsTheLastGoodOnesWhenDnsFails() throws Exception {
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    AtomicReference<Object> answer = new AtomicReference<>(new UnknownHostException("not yet"));
    KnownPeers peers = new KnownPeers(List.of("am:9094"), lookups, host -> {
      Object x = answer.get();
      if (x instanceof UnknownHostException e) {
        throw e;
      }
      return (InetAddress[]) x;
    });
    assertThat(peers.resolve(Duration.ofSeconds(2))).isEmpty(); // unresolvable: warned, retried
    answer.set(new InetAddress[] {a});
    assertThat(peers.resolve(Duration.ofSeconds(2))).containsExactly(new InetSocketAddress(a, 9094));
    answer.set(new InetAddress[] {a, b}); // scaled up
    assertThat(peers.resolve(Duration.ofSeconds(2))).hasSize(2);
    answer.set(new UnknownHostException("DNS outage"));
    assertThat(peers.resolve(Duration.ofSeconds(2))).hasSize(2); // last good kept
  }

  @Test
  void slowLookupIsBoundedByTheResolveTimeout() throws Exception {
    CountDownLatch neverAnswered = new CountDownLatch(1);
    KnownPeers peers = new KnownPeers(List.of("slow:1", "127.0.0.1:2"), lookups, host -> {
      try {
        neverAnswered.await(5, TimeUnit.SECONDS); // a DNS server that does not answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UnknownHostException(host);
    });
    long start = System.nanoTime();
    assertThat(peers.resolve(Duration.ofMillis(200))).containsExactly(new InetSocketAddress("127.0.0.1", 2));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void srvNamesStandForEveryTargetAndPortAndAreResolvedAgain() throws Exception {
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    AtomicReference<List<Discovery.SrvRecord>> srv = new AtomicReference<>(
        List.of(new Discovery.SrvRecord("am-0.am.svc", 9094)));
    KnownPeers peers = new KnownPeers(List.of("dnssrv+_cluster._tcp.am.svc", "10.0.0.9:9094"),
        lookups, host -> switch (host) {
          case "am-0.am.svc" -> new InetAddress[] {a};
          case "am-1.am.svc" -> new InetAddress[] {b};
          default -> throw new UnknownHostException(host);
        }, name -> {
          assertThat(name).isEqualTo("_cluster._tcp.am.svc");
          return srv.get();
        });
    assertThat(peers.hasHostNames()).isTrue();
    assertThat(peers.resolve(Duration.ofSeconds(2))).containsExactlyInAnyOrder(
        new InetSocketAddress(a, 9094), new InetSocketAddress("10.0.0.9", 9094));
    // Scaled up: a second record, on another port.
    srv.set(List.of(new Discovery.SrvRecord("am-0.am.svc", 9094),
        new Discovery.SrvRecord("am-1.am.svc", 9095)));
    assertThat(peers.resolve(Duration.ofSeconds(2))).contains(new InetSocketAddress(b, 9095))
        .hasSize(3);
    // No records (DNS outage, NXDOMAIN): the last good answer is kept.
    srv.set(List.of());
    assertThat(peers.resolve(Duration.ofSeconds(2))).hasSize(3);
  }
}
