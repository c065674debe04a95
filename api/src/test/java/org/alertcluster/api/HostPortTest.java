package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.stream.Stream;
import org.alertcluster.api.HostPort.Allow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostPortTest {

  @Test
  void parsesHostIpAndBracketedIpv6() {
    assertThat(HostPort.parse("f", "alerting-0.alerting:9094", Allow.NOTHING))
        .isEqualTo(new HostPort("alerting-0.alerting", 9094));
    HostPort v6 = HostPort.parse("f", "[::1]:9094", Allow.NOTHING);
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(9094);
    assertThat(v6).hasToString("[::1]:9094");
    assertThat(v6.isIpLiteral()).isTrue();
    assertThat(HostPort.parse("f", "10.0.0.1:1", Allow.NOTHING).isIpLiteral()).isTrue();
    assertThat(HostPort.parse("f", "am-0:1", Allow.NOTHING).isIpLiteral()).isFalse();
  }

  @Test
  void emptyHostMeansEveryInterfaceWhereAllowed() {
    HostPort any = HostPort.parse("--web.listen-address", ":9093", Allow.PORT_ZERO_AND_EMPTY_HOST);
    assertThat(any.isWildcard()).isTrue();
    assertThat(any.socketAddress().getAddress().isAnyLocalAddress()).isTrue();
    assertThat(HostPort.parse("f", "[::]:0", Allow.PORT_ZERO).isWildcard()).isTrue();
    assertThat(HostPort.parse("f", "0.0.0.0:0", Allow.PORT_ZERO).isWildcard()).isTrue();
  }

  @Test
  void aHostAloneTakesPortZeroWhereAllowed() {
    assertThat(HostPort.parse("f", "am-0.example", Allow.HOST_ALONE))
        .isEqualTo(new HostPort("am-0.example", 0));
    assertThat(HostPort.parse("f", "[fd00::5]", Allow.HOST_ALONE))
        .isEqualTo(new HostPort("fd00::5", 0));
    assertThat(HostPort.parse("f", "[fd00::5]:9094", Allow.HOST_ALONE))
        .isEqualTo(new HostPort("fd00::5", 9094));
    assertThatThrownBy(() -> HostPort.parse("f", "am-0.example", Allow.NOTHING))
        .hasMessage("f must be host:port, was 'am-0.example' (missing port)");
    assertThatThrownBy(() -> HostPort.parse("f", "[]", Allow.HOST_ALONE))
        .hasMessage("f must be host or host:port, was '[]' (missing host)");
    assertThatThrownBy(() -> HostPort.parse("f", "fd00::5", Allow.HOST_ALONE))
        .hasMessageContaining("put an IPv6 address in brackets");
    assertThatThrownBy(() -> HostPort.parse("f", "http://am-0.example", Allow.HOST_ALONE))
        .hasMessage("f must be host or host:port, was 'http://am-0.example' (no scheme: give host or"
            + " host:port, such as 'am-0.example')");
    assertThatThrownBy(() -> HostPort.parse("f", "h:0", Allow.HOST_ALONE))
        .hasMessage("f must be host or host:port, was 'h:0' (port must be 1 to 65535)");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("127.0.0.1", Allow.PORT_ZERO, "(missing port)"),
        Arguments.of(":9094", Allow.PORT_ZERO, "(missing host)"),
        Arguments.of("[]:9094", Allow.PORT_ZERO_AND_EMPTY_HOST, "(missing host)"),
        Arguments.of(" :9094", Allow.PORT_ZERO_AND_EMPTY_HOST, "(missing host)"),
        Arguments.of("[::1:9094", Allow.NOTHING, "(unbalanced brackets)"),
        Arguments.of("::1:9094", Allow.NOTHING, "(put an IPv6 address in brackets: [::1]:9094)"),
        Arguments.of("h:x", Allow.NOTHING, "(invalid port 'x')"),
        Arguments.of("h:0", Allow.NOTHING, "(port must be 1 to 65535)"),
        Arguments.of("h:65536", Allow.PORT_ZERO, "(port must be 0 to 65535)"),
        // a URL is not mistaken for an unbracketed IPv6 address (it said "put an IPv6 address in
        // brackets"), and the address inside it is suggested
        Arguments.of("http://am-1:9094", Allow.NOTHING, "(no scheme: give host:port, such as 'am-1:9094')"),
        Arguments.of("https://am-1:9094/", Allow.PORT_ZERO, "(no scheme: give host:port, such as 'am-1:9094')"),
        Arguments.of("tcp://[fd00::5]:9094", Allow.NOTHING, "(no scheme: give host:port, such as '[fd00::5]:9094')"),
        Arguments.of("http://", Allow.NOTHING, "(no scheme: give host:port)"),
        // a blank inside the host was accepted and failed later as an unresolvable name
        Arguments.of("am-1 :9094", Allow.NOTHING, "(blank in host 'am-1 ')"),
        Arguments.of("am 1:9094", Allow.NOTHING, "(blank in host 'am 1')"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void mistakesNameTheFieldTheValueAndTheReason(String value, Allow allow, String reason) {
    assertThatThrownBy(() -> HostPort.parse("ClusterConfig.bindAddress", value, allow))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ClusterConfig.bindAddress must be host:port, was '" + value + "' " + reason);
  }

  @Test
  void formatsIpv6InBracketsWithoutZone() throws Exception {
    assertThat(HostPort.format(InetAddress.getByName("::1"), 9094)).isEqualTo("[0:0:0:0:0:0:0:1]:9094");
    assertThat(HostPort.format(InetAddress.getByName("10.1.2.3"), 1)).isEqualTo("10.1.2.3:1");
  }
}
