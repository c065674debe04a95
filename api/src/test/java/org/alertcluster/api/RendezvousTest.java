package org.alertcluster.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RendezvousTest {

  private static final String GROUP = "{}:{alertname=\"HighLatency\"}";

  /** Golden values computed outside Java (Python hashlib): the hash must never change. */
  @Test
  void weightsAreTheDocumentedSha256Prefix() {
    assertThat(Rendezvous.weight(GROUP, "alertmanager-0")).isEqualTo(363785543031181239L);
    assertThat(Rendezvous.weight("g", "a")).isEqualTo(-5108676475091580584L);
    assertThat(Rendezvous.weight("", "")).isEqualTo(-2360060374177730597L);
  }

  @Test
  void rankingIsByUnsignedWeightDescendingAndMatchesTheGoldenOrder() {
    List<Member> members = List.of(m("am-0"), m("am-1"), m("am-2"));
    assertThat(Rendezvous.rank(GROUP, members)).extracting(Member::name)
        .containsExactly("am-1", "am-0", "am-2");
  }

  @Test
  void lengthPrefixKeepsKeyAndNameApart() {
    assertThat(Rendezvous.weight("ab", "c")).isNotEqualTo(Rendezvous.weight("a", "bc"));
  }

  @Test
  void rankingDoesNotDependOnTheOrderOfTheInput() {
    long seed = System.nanoTime();
    System.out.println("RendezvousTest seed " + seed);
    Random random = new Random(seed);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      members.add(m("node-" + random.nextInt(1000) + "-" + i));
    }
    for (int key = 0; key < 50; key++) {
      List<Member> shuffled = new ArrayList<>(members);
      Collections.shuffle(shuffled, random);
      assertThat(Rendezvous.rank("k" + key, shuffled)).as("seed %d key %d", seed, key)
          .isEqualTo(Rendezvous.rank("k" + key, members));
    }
  }

  @Test
  void equalNamesAreOrderedByAddress() {
    List<Member> ranked = Rendezvous.rank("k", List.of(new Member("x", "b:2"), new Member("x", "a:1")));
    assertThat(ranked).extracting(Member::address).containsExactly("a:1", "b:2");
  }

  @Test
  void ownershipSpreadsAndOnlyTheLeaversShareMoves() {
    List<Member> three = List.of(m("am-0"), m("am-1"), m("am-2"));
    Map<String, Integer> owned = new HashMap<>();
    int moved = 0;
    int keys = 3000;
    for (int i = 0; i < keys; i++) {
      String key = "{}:{alertname=\"A" + i + "\"}";
      List<Member> ranked = Rendezvous.rank(key, three);
      owned.merge(ranked.get(0).name(), 1, Integer::sum);
      List<Member> withoutAm1 = Rendezvous.rank(key, List.of(m("am-0"), m("am-2")));
      if (!ranked.get(0).name().equals("am-1")) {
        assertThat(withoutAm1.get(0)).as("key %s not owned by the leaver moved", key)
            .isEqualTo(ranked.get(0));
      } else {
        assertThat(withoutAm1.get(0)).as("the leaver's key goes to its second").isEqualTo(ranked.get(1));
        moved++;
      }
    }
    assertThat(owned.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1100));
    assertThat(moved).isEqualTo(owned.get("am-1"));
  }

  private static Member m(String name) {
    return new Member(name, "127.0.0.1:1");
  }
}
