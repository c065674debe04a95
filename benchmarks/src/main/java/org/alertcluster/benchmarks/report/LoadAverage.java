package org.alertcluster.benchmarks.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed beside timings (the machine is shared). */
public final class LoadAverage {

  private LoadAverage() {}

  /** @return {@code /proc/loadavg} as it is, or the JVM's one-minute figure where there is none */
  public static String raw() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** @return "load 1.23 2.34 3.45": the 1, 5 and 15 minute averages */
  public static String now() {
    String[] f = raw().split("\\s+");
    return f.length >= 3 ? "load " + f[0] + " " + f[1] + " " + f[2] : "load " + raw();
  }
}
