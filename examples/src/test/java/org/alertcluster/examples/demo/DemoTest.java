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
  }
}
