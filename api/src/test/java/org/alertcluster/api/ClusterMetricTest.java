package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterMetricTest {

  @Test
  void everyNameIsAValidPrometheusNameAndCountersEndInTotal() {
    for (ClusterMetric m : ClusterMetric.values()) {
      assertThat(m.prometheusName()).as(m.name()).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
      assertThat(m.prometheusName().endsWith("_total")).as(m.name())
          .isEqualTo(m.type() == ClusterMetric.Type.COUNTER);
      assertThat(m.help()).as(m.name()).isNotBlank().doesNotContain("\n");
    }
  }

  @Test
  void aFamilySharesHelpAndTypeAndItsMembersDifferInLabels() {
    Map<String, ClusterMetric> first = new HashMap<>();
    Set<String> series = new HashSet<>();
    for (ClusterMetric m : ClusterMetric.values()) {
      ClusterMetric f = first.putIfAbsent(m.prometheusName(), m);
      if (f != null) {
        assertThat(m.help()).as(m.name()).isEqualTo(f.help());
        assertThat(m.type()).as(m.name()).isEqualTo(f.type());
      }
      assertThat(series.add(m.prometheusName() + m.labels())).as("duplicate series " + m).isTrue();
    }
  }

  @Test
  void attributeNamesAreLowerCamelCaseAndUnique() {
    assertThat(ClusterMetric.UPDATE_BYTES_SENT.attributeName()).isEqualTo("updateBytesSent");
    assertThat(ClusterMetric.MEMBERS.attributeName()).isEqualTo("members");
    Set<String> names = new HashSet<>();
    for (ClusterMetric m : ClusterMetric.values()) {
      assertThat(names.add(m.attributeName())).as(m.name()).isTrue();
    }
  }

  @Test
  void baseNameDropsOnlyTheCounterSuffix() {
    assertThat(ClusterMetric.UPDATES_SENT.baseName()).isEqualTo("alertmanager_cluster_messages_sent");
    assertThat(ClusterMetric.MEMBERS.baseName()).isEqualTo("alertmanager_cluster_members");
    for (ClusterMetric m : ClusterMetric.values()) {
      assertThat(m.baseName()).as(m.name()).doesNotEndWith("_total");
    }
  }

  @Test
  void asMapHasEveryMetricInDeclarationOrder() {
    ClusterMetrics m = metric -> metric.ordinal();
    assertThat(m.asMap().keySet()).containsExactly(ClusterMetric.values());
    assertThat(m.asMap().get(ClusterMetric.POSITION)).isEqualTo(ClusterMetric.POSITION.ordinal());
  }
}
