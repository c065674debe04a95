package org.alertcluster.examples.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Matchers use Go's RE2 syntax and semantics, anchored as Alertmanager anchors them
 * ({@code ^(?:re)$}). With Java's engine, {@code [[:digit:]]} was a character class of
 * {@code [:digit} (so it matched {@code node:} but not {@code node7}), and {@code (?P<x>a)} did not
 * compile.
 */
class MatcherTest {

  @Test
  void posixClassesMeanWhatTheyMeanInRe2() {
    Matcher m = new Matcher("instance", "node[[:digit:]]+", Matcher.Type.REGEX);
    assertThat(m.matches("node7")).isTrue();
    assertThat(m.matches("node:")).isFalse();
  }

  @Test
  void goNamedGroupsCompile() {
    Matcher m = new Matcher("x", "(?P<x>a)b", Matcher.Type.REGEX);
    assertThat(m.matches("ab")).isTrue();
  }

  @Test
  void anchoredAtBothEndsAndAbsentLabelIsEmpty() {
    Matcher m = new Matcher("job", "api|web", Matcher.Type.REGEX);
    assertThat(m.matches("api")).isTrue();
    assertThat(m.matches("xapi")).isFalse();
    assertThat(m.matches("api2")).isFalse();
    assertThat(new Matcher("team", ".*", Matcher.Type.REGEX).matches(java.util.Map.of())).isTrue();
    assertThat(new Matcher("team", ".+", Matcher.Type.NOT_REGEX).matches(java.util.Map.of())).isTrue();
  }

  @Test
  void javaOnlySyntaxIsRefused() {
    // Possessive quantifiers and look-arounds exist in Java, not in RE2: Alertmanager refuses them.
    assertThatThrownBy(() -> new Matcher("a", "x*+", Matcher.Type.REGEX)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Matcher("a", "(?=x)x", Matcher.Type.REGEX)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textFormParsesAsAlertmanager() {
    assertThat(MatcherParser.parse("{a=\"1\", b=~\"x|y\",c!=3}")).containsExactly(
        new Matcher("a", "1", Matcher.Type.EQUAL), new Matcher("b", "x|y", Matcher.Type.REGEX),
        new Matcher("c", "3", Matcher.Type.NOT_EQUAL));
    assertThat(MatcherParser.parse("msg=\"a, \\\"b\\\"\"")).containsExactly(new Matcher("msg", "a, \"b\"", Matcher.Type.EQUAL));
    assertThat(new Matcher("a", "x\"y", Matcher.Type.EQUAL).toString()).isEqualTo("a=\"x\\\"y\"");
    for (String bad : List.of("a", "=b", "a=\"b", "1a=b")) {
      assertThatThrownBy(() -> MatcherParser.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
