package org.alertcluster.osgitests.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The MetaTypeService describes the factory PID org.alertcluster.peer with one attribute per
 * ClusterConfig field, each with a name, a description and ClusterConfig's own default. The
 * expected fields are read from the api bundle's ClusterConfig, so a field added there without a
 * metatype attribute fails this test.
 */
class FelixMetatypeTest {

  @TempDir Path tmp;

  @Test
  void metatypeDescribesEveryClusterConfigFieldWithItsDefault() throws Exception {
    try (FelixContainer c = FelixContainer.start(tmp.resolve("m"), true)) {
      Bundle impl = c.impl();
      Object metatype = c.requireService("org.osgi.service.metatype.MetaTypeService");
      Object info = Reflect.call(metatype, "getMetaTypeInformation", impl);
      assertThat((String[]) Reflect.call(info, "getFactoryPids")).contains("org.alertcluster.peer");
      assertThat((String[]) Reflect.call(info, "getPids")).isEmpty();

      Object ocd = Reflect.call(info, "getObjectClassDefinition", "org.alertcluster.peer", null);
      assertThat((String) Reflect.call(ocd, "getName")).isEqualTo("alertcluster peer");
      Object[] ads = (Object[]) Reflect.call(ocd, "getAttributeDefinitions", -1);
      Map<String, Object> byId = new HashMap<>();
      for (Object ad : ads) {
        byId.put((String) Reflect.call(ad, "getID"), ad);
        assertThat((String) Reflect.call(ad, "getName")).isNotBlank();
        assertThat((String) Reflect.call(ad, "getDescription")).contains("Default");
      }

      Class<?> configClass = c.bundle(FelixContainer.API)
          .loadClass("org.alertcluster.api.ClusterConfig");
      Object defaults = configClass.getMethod("defaults").invoke(null);
      Set<String> fields = new TreeSet<>();
      for (Method m : configClass.getMethods()) {
        if (m.getDeclaringClass() == configClass && m.getParameterCount() == 0
            && !Modifier.isStatic(m.getModifiers())
            && !Set.of("toBuilder", "hashCode", "toString").contains(m.getName())) {
          fields.add(m.getName());
        }
      }
      assertThat(fields).hasSizeGreaterThan(20);
      // The nested TLS value is flattened into tls* attributes (off by default); its passwords are
      // PASSWORD-typed so consoles mask them.
      fields.remove("tls");
      assertThat(byId.keySet()).containsAll(fields).contains("leaveTimeout")
          .contains("tlsCertificateFile", "tlsKeyFile", "tlsCaFile", "tlsServerName",
              "tlsClientAuth", "tlsKeyStorePassword", "tlsTrustStorePassword");
      int password = 12; // org.osgi.service.metatype.AttributeDefinition.PASSWORD
      for (String secret : List.of("tlsKeyStorePassword", "tlsTrustStorePassword")) {
        assertThat((Integer) Reflect.call(byId.get(secret), "getType")).as(secret)
            .isEqualTo(password);
      }
      assertThat((Integer) Reflect.call(byId.get("tlsCaFile"), "getType")).isNotEqualTo(password);

      for (String field : fields) {
        Object value = configClass.getMethod(field).invoke(defaults);
        String[] adDefault = (String[]) Reflect.call(byId.get(field), "getDefaultValue");
        String expected = value instanceof Duration d ? shortForm(d)
            : value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
            : String.valueOf(value);
        String actual = adDefault == null ? "" : String.join(",", adDefault);
        assertThat(actual).as("default of %s", field).isEqualTo(expected);
      }
      // Every value that is a list in ClusterConfig is a multi-valued String attribute.
      assertThat((Integer) Reflect.call(byId.get("knownPeers"), "getCardinality")).isPositive();
    }
  }

  /** Durations are String attributes with defaults such as "1m", "500ms", "6h" since 0.1. */
  private static String shortForm(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    String out = (s >= 3600 ? s / 3600 + "h" : "") + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "")
        + (s % 60 > 0 ? s % 60 + "s" : "");
    return out.isEmpty() ? "0s" : out;
  }
}
