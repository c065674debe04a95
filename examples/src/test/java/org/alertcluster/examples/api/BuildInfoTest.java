package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code versionInfo.revision} and {@code .branch} of {@code /api/v2/status} (and build_info's labels)
 * were empty strings; they are now the commit and branch the build saw, or {@code "unknown"}.
 */
class BuildInfoTest {

  @Test
  void revisionIsTheCommitThisModuleWasBuiltFromOrUnknown() throws Exception {
    BuildInfo b = BuildInfo.current();
    String head = git("rev-parse", "HEAD");
    if (head == null) {
      // a source archive or no git: the honest answer, never an empty string
      assertThat(b.revision()).isEqualTo("unknown");
    } else {
      assertThat(b.revision()).isEqualTo(head);
    }
    String branch = git("symbolic-ref", "--short", "HEAD");
    assertThat(b.branch()).isEqualTo(branch == null ? "unknown" : branch);
  }

  @Test
  void whatTheBuildCouldNotTellIsUnknownNeverEmpty() {
    assertThat(BuildInfo.of(null, "${buildNumber}", "${scmBranch}"))
        .isEqualTo(new BuildInfo("dev", "unknown", "unknown"));
    assertThat(BuildInfo.of("1.0", "", "UNKNOWN_BRANCH"))
        .isEqualTo(new BuildInfo("1.0", "unknown", "unknown"));
    assertThat(BuildInfo.of("1.0", "abc123\n", "main"))
        .isEqualTo(new BuildInfo("1.0", "abc123", "main"));
  }

  /** @return the command's trimmed output, or null when git is missing or this is no checkout */
  private static String git(String... args) throws InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 && !out.isEmpty() ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
