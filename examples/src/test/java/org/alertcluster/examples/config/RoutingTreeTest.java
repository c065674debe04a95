package org.alertcluster.examples.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routing tree as Alertmanager 0.25's {@code dispatch.Route}: depth-first matching, the first
 * matching child wins unless it has {@code continue}, a route none of whose children match takes the
 * alert, children inherit what they do not set, and route keys are
 * {@code parentKey/{sorted matchers}}. Before this change every alert went to the root receiver
 * while amtool (reading the same file) said it went to the nested one.
 */
class RoutingTreeTest {

  private static final String TREE = """
      route:
        receiver: default
        group_by: [alertname]
        group_wait: 10s
        routes:
          - matchers: ['severity="page"', 'team=~"db|web"']
            receiver: pager
            group_wait: 1s
            continue: true
            routes:
              - match: {env: staging}
                receiver: staging
          - match_re: {severity: 'page|critical'}
            receiver: audit
            group_by: ['...']
          - matchers: ['severity="page"']
            receiver: never
      receivers: [{name: default}, {name: pager}, {name: staging}, {name: audit}, {name: never}]
      """;

  private static List<String> receivers(RouteConfig root, Map<String, String> labels) {
    return root.match(labels).stream().map(RouteConfig::receiver).toList();
  }

  @Test
  void matchesLikeAlertmanager() throws Exception {
    RouteConfig root = ConfigLoader.parse(TREE).route();
    assertThat(receivers(root, Map.of("alertname", "A"))).containsExactly("default");
    // continue on the first child lets the second be tried; the third is not reached.
    assertThat(receivers(root, Map.of("severity", "page", "team", "db"))).containsExactly("pager", "audit");
    // nested: the staging child takes it; the pager route does not also take it itself.
    assertThat(receivers(root, Map.of("severity", "page", "team", "web", "env", "staging")))
        .containsExactly("staging", "audit");
    // regex anchoring: "xpage" does not match 'page|critical'.
    assertThat(receivers(root, Map.of("severity", "xpage"))).containsExactly("default");
    assertThat(receivers(root, Map.of("severity", "critical"))).containsExactly("audit");
  }

  @Test
  void childrenInheritAndKeysAreAlertmanagers() throws Exception {
    RouteConfig root = ConfigLoader.parse(TREE).route();
    RouteConfig pager = root.routes().get(0);
    RouteConfig staging = pager.routes().get(0);
    assertThat(root.key()).isEqualTo("{}");
    assertThat(pager.key()).isEqualTo("{}/{severity=\"page\",team=~\"db|web\"}");
    assertThat(staging.key()).isEqualTo("{}/{severity=\"page\",team=~\"db|web\"}/{env=\"staging\"}");
    assertThat(pager.groupWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(staging.groupWait()).isEqualTo(Duration.ofSeconds(1)); // from pager
    assertThat(staging.groupBy()).containsExactly("alertname"); // from root
    assertThat(root.routes().get(1).groupsByAll()).isTrue();
    assertThat(root.routes().get(1).repeatInterval()).isEqualTo(RouteConfig.DEFAULT_REPEAT_INTERVAL);
    assertThat(staging.continueMatching()).isFalse();
  }
}
