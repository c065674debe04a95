package org.alertcluster.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo as users run it: three child JVMs of this class path (marked
 * {@code -Dalertcluster-ci-fork=true}), the same alerts to all, a silence, replica-1 SIGKILLed. The
 * demo kills its children in a finally block; the test only checks its measured verdict.
 */
class DemoTest {

  @Test
  void theDemoMeasuresExactlyOnceDeliveryAndExitsZero() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        System.out.write(b);
      }
    }, true, StandardCharsets.UTF_8);
    int exit = Demo.run(new String[0], tee);
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("VERDICT").doesNotContain("[FAIL]");
    assertThat(output).contains("RESULT: PASS");
    assertThat(exit).isZero();
    // a pass leaves nothing in the temporary directory (every run left its logs there)
    java.util.regex.Matcher removed = java.util.regex.Pattern
        .compile("replica logs: removed from (\\S+) ").matcher(output);
    assertThat(removed.find()).as("the demo says where its logs were").isTrue();
    assertThat(java.nio.file.Path.of(removed.group(1))).doesNotExist();
  }

  @Test
  void anUnknownDemoFlagIsRefusedInTheReplicasErrorStyle() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit = Demo.run(new String[] {"--keep"}, new PrintStream(captured, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .startsWith("alertcluster-node: error: unknown demo flag --keep (the demo takes --keep-logs)");
  }
}
