package org.alertcluster.spitests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * alertcluster-bom promises the JUnit version the kit is built against (an older engine fails with
 * NoSuchMethodError). It has no parent, so its version is written twice: this keeps them equal.
 * And it manages every artifact a user takes from this build, so a module added later is not
 * forgotten there.
 */
class BomTest {

  /** Modules users do not depend on: the example host, the benchmarks, the container tests. */
  private static final Set<String> NOT_FOR_USERS = Set.of("alertcluster-parent",
      "alertcluster-bom", "alertcluster-examples", "alertcluster-benchmarks",
      "alertcluster-osgi-tests");

  @Test
  void bomManagesEveryArtifactUsersTakeFromTheReactor() throws Exception {
    String root = Files.readString(Path.of("..", "pom.xml"));
    String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(root);
    List<String> published = new ArrayList<>();
    while (modules.find()) {
      String pom = Files.readString(Path.of("..", modules.group(1), "pom.xml"))
          .replaceAll("(?s)<parent>.*?</parent>", "");
      Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
      assertThat(id.find()).as("artifactId of module %s", modules.group(1)).isTrue();
      if (!NOT_FOR_USERS.contains(id.group(1))) {
        published.add(id.group(1));
      }
    }
    assertThat(published).as("modules users depend on").contains("alertcluster-api",
        "alertcluster-impl", "alertcluster-spi-tests", "alertcluster-node");
    for (String artifact : published) {
      assertThat(bom).as("alertcluster-bom manages %s", artifact)
          .contains("<artifactId>" + artifact + "</artifactId>");
    }
  }

  @Test
  void bomNamesTheJunitVersionTheKitIsBuiltAgainst() throws Exception {
    Path bom = Path.of("..", "bom", "pom.xml");
    assertThat(bom).as("run from spi-tests/ in the reactor").exists();
    Matcher m = Pattern.compile("<junit\\.version>([^<]+)</junit\\.version>")
        .matcher(Files.readString(bom));
    assertThat(m.find()).as("junit.version in %s", bom).isTrue();
    String onClassPath = Test.class.getPackage().getImplementationVersion();
    assertThat(onClassPath).as("JUnit Jupiter API version on the kit's class path").isNotNull();
    assertThat(m.group(1)).as("alertcluster-bom's junit.version").isEqualTo(onClassPath);
  }
}
