package org.alertcluster.examples.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets in alertmanager.yml are shown as Alertmanager shows them: {@code <secret>}. */
class SecretMaskerTest {

  static final String CONFIG = """
      global:
        resolve_timeout: 5m
        smtp_auth_password: smtp-hunter2
        slack_api_url: https://hooks.slack.com/services/T000/B000/slack-hunter2
      route:
        receiver: hook
        group_wait: 1s
      receivers:
        - name: hook
          webhook_configs:
            - url: http://user:url-hunter2@127.0.0.1:9/hook
              send_resolved: true
              http_config:
                authorization:
                  type: Bearer
                  credentials: bearer-hunter2
                basic_auth:
                  username: alice
                  password: basic-hunter2
                  password_file: /etc/secrets/pw
                oauth2:
                  client_id: cid
                  client_secret: oauth-hunter2
                  token_url: https://auth.example/token
                tls_config:
                  key_file: /etc/tls/client.key
                proxy_connect_header:
                  Proxy-Authorization: [proxy-hunter2]
      """;

  @Test
  void everySecretIsMaskedAndEverythingElseKept() {
    String masked = SecretMasker.mask(CONFIG);
    assertThat(masked).doesNotContain("hunter2");
    assertThat(masked).contains("credentials: <secret>", "password: <secret>",
        "client_secret: <secret>", "smtp_auth_password: <secret>", "url: <secret>",
        "slack_api_url: <secret>");
    // Not secrets: names of files, user names, types, timings, the token endpoint.
    assertThat(masked).contains("password_file: /etc/secrets/pw", "username: alice",
        "type: Bearer", "group_wait: 1s", "key_file: /etc/tls/client.key",
        "token_url: https://auth.example/token", "send_resolved: true");
  }

  @Test
  void configWithoutSecretsIsUnchangedInContent() {
    String plain = "route:\n  receiver: x\nreceivers:\n- name: x\n";
    assertThat(SecretMasker.mask(plain)).isEqualTo(plain);
  }

  @Test
  void invalidYamlShowsNothing() {
    assertThat(SecretMasker.mask("a: [b\npassword: hunter2")).doesNotContain("hunter2");
  }
}
