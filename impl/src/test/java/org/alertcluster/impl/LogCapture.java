package org.alertcluster.impl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what slf4j-simple writes (to {@code System.err} as it is at each call) while passing it
 * through, so that tests can assert on and count log lines of real peers. Public for the tests of
 * impl's other packages.
 */
public final class LogCapture implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  /** Starts capturing; {@link #close} stops. */
  public LogCapture() {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (captured) {
          captured.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** @return everything captured so far */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** @param level e.g. "WARN"  @param text a part of the line  @return the matching lines */
  public List<String> lines(String level, String text) {
    return text().lines().filter(l -> l.contains(" " + level + " ") && l.contains(text)).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
