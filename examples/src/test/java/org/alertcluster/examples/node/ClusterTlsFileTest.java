package org.alertcluster.examples.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.TlsConfig;
import org.alertcluster.examples.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alertmanager's --cluster.tls-config file, read as it is. */
class ClusterTlsFileTest {

  @TempDir
  Path dir;

  @BeforeEach
  void certs() throws Exception {
    new TestCerts(dir, "cluster-ca").node("node1");
  }

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("tls_config_node1.yml");
    Files.writeString(f, yaml);
    return f;
  }

  /** As in Alertmanager's own test configs, but with mutual authentication required. */
  static final String ALERTMANAGER_FILE = """
      tls_server_config:
        cert_file: "node1.crt"
        key_file: "node1.key"
        client_auth_type: "RequireAndVerifyClientCert"
        client_ca_file: "ca.crt"
      tls_client_config:
        cert_file: "node1.crt"
        key_file: "node1.key"
        ca_file: "ca.crt"
        server_name: "localhost"
        insecure_skip_verify: false
      """;

  @Test
  void alertmanagersFileMapsOntoTlsConfigWithPathsRelativeToTheFile() throws Exception {
    ClusterTlsFile.Result r = ClusterTlsFile.load(file(ALERTMANAGER_FILE));
    TlsConfig t = r.tls();
    assertThat(t.enabled()).isTrue();
    assertThat(t.certificateFile()).isEqualTo(dir.resolve("node1.crt").toString());
    assertThat(t.keyFile()).isEqualTo(dir.resolve("node1.key").toString());
    assertThat(t.caFile()).isEqualTo(dir.resolve("ca.crt").toString());
    assertThat(t.clientAuth()).isEqualTo(TlsConfig.ClientAuth.REQUIRE);
    assertThat(t.serverName()).isEqualTo("localhost");
    assertThat(t.insecureSkipVerify()).isFalse();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void clientAuthTypesKeepAlertmanagersMeaningAndWarnWhenStrangersCouldJoin() throws Exception {
    for (String[] c : new String[][] {{"NoClientCert", "NONE"}, {"RequestClientCert",
        "VERIFY_IF_GIVEN"}, {"VerifyClientCertIfGiven", "VERIFY_IF_GIVEN"},
        {"RequireAnyClientCert", "REQUIRE"}, {"RequireAndVerifyClientCert", "REQUIRE"}}) {
      ClusterTlsFile.Result r = ClusterTlsFile.load(file(ALERTMANAGER_FILE
          .replace("RequireAndVerifyClientCert", c[0])));
      assertThat(r.tls().clientAuth().name()).as(c[0]).isEqualTo(c[1]);
      assertThat(r.warnings().isEmpty()).as(c[0]).isEqualTo(c[1].equals("REQUIRE"));
    }
  }

  @Test
  void alertmanagersErrorsForMissingSectionsAndUnknownKeys() throws Exception {
    assertThatThrownBy(() -> ClusterTlsFile.load(file("{}")))
        .hasMessageEndingWith("missing 'tls_server_config' entry in the TLS configuration");
    assertThatThrownBy(() -> ClusterTlsFile.load(file("tls_client_config: {}\n")))
        .hasMessageEndingWith("missing 'tls_server_config' entry in the TLS configuration");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE.replaceAll(
        "(?s)tls_client_config:.*", "tls_client_config:\n"))))
        .hasMessageEndingWith("missing 'tls_client_config' entry in the TLS configuration");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE + "bogus: 1\n")))
        .hasMessageContaining("field bogus not found in the TLS configuration");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE.replace(
        "RequireAndVerifyClientCert", "Sometimes"))))
        .hasMessageEndingWith("invalid ClientAuth: Sometimes");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE.replace(
        "  client_auth_type: \"RequireAndVerifyClientCert\"\n", ""))))
        .hasMessageEndingWith("client CA's have been configured without a Client Auth Policy");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE.replace(
        "  cert_file: \"node1.crt\"\n  key_file: \"node1.key\"\n  client_auth", "  client_auth"))))
        .hasMessageEndingWith("missing one of cert or cert_file");
    // A missing client section is fine (Alertmanager defaults it to empty).
    assertThat(ClusterTlsFile.load(file(ALERTMANAGER_FILE.replaceAll("(?s)tls_client_config:.*",
        ""))).tls().serverName()).isEmpty();
  }

  @Test
  void badFilesAreRefusedNamingTheTlsField() throws Exception {
    assertThatThrownBy(() -> ClusterTlsFile.load(file(ALERTMANAGER_FILE.replace(
        "  cert_file: \"node1.crt\"\n  key_file: \"node1.key\"\n  ca_file",
        "  cert_file: \"client.crt\"\n  key_file: \"node1.key\"\n  ca_file"))))
        .hasMessageStartingWith("invalid --cluster.tls-config ")
        .hasMessageContaining("tls_client_config.cert_file/key_file must be the same files");
    String noClientFiles = ALERTMANAGER_FILE.replace("  cert_file: \"node1.crt\"\n  key_file:"
        + " \"node1.key\"\n  ca_file", "  ca_file");
    assertThatThrownBy(() -> ClusterTlsFile.load(file(noClientFiles.replaceFirst(
        "key_file: \"node1.key\"", "key_file: \"nope.key\""))))
        .hasMessageContaining("ClusterConfig.tls.keyFile '").hasMessageEndingWith("does not exist");
  }

  @Test
  void theFlagConfiguresTheClusterAndUnknownFilesFailAtStart() throws Exception {
    Path f = file(ALERTMANAGER_FILE);
    NodeOptions o = Flags.parse("--cluster.listen-address=127.0.0.1:0",
        "--cluster.tls-config=" + f);
    ClusterConfig c = o.cluster().orElseThrow();
    assertThat(c.tls().enabled()).isTrue();
    assertThat(c.tls().caFile()).endsWith("ca.crt");
    assertThatThrownBy(() -> Flags.parse("--cluster.tls-config=" + dir.resolve("none.yml")))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("invalid --cluster.tls-config ")
        .hasMessageContaining("cannot read the file");
    assertThat(Flags.usage()).contains("--cluster.tls-config");
  }
}
