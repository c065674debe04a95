package org.alertcluster.spitests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * alertcluster-bom promises the JUnit version the kit is built against (an older engine fails with
 * NoSuchMethodError). It has no parent, so its version is written twice: this keeps them equal.
 */
class BomTest {

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
