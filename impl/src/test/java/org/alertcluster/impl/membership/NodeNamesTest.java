package org.alertcluster.impl.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeNamesTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20261125})
  void namesAreCrockfordUlidsOrderedByTime(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      long t1 = random.nextLong() & 0xFFFF_FFFF_FFFFL;
      long t2 = random.nextLong() & 0xFFFF_FFFF_FFFFL;
      byte[] r1 = new byte[10];
      byte[] r2 = new byte[10];
      random.nextBytes(r1);
      random.nextBytes(r2);
      String a = NodeNames.encode(t1, r1);
      String b = NodeNames.encode(t2, r2);
      assertThat(a).as("seed %d", seed).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
      if (t1 != t2) {
        assertThat(Long.compare(t1, t2)).as("seed %d: %s vs %s", seed, a, b)
            .isEqualTo(Integer.signum(a.compareTo(b)));
      }
    }
  }

  @Test
  void knownVector() {
    // ULID spec example: timestamp 1469918176385 encodes as 01ARYZ6S41.
    assertThat(NodeNames.encode(1469918176385L, new byte[10])).isEqualTo("01ARYZ6S410000000000000000");
    byte[] ones = new byte[10];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    assertThat(NodeNames.encode(0, ones)).isEqualTo("0000000000ZZZZZZZZZZZZZZZZ");
    assertThat(NodeNames.generate()).isNotEqualTo(NodeNames.generate());
  }
}
