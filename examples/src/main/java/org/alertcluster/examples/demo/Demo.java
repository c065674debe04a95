package org.alertcluster.examples.demo;

/** Placeholder replaced below. */
public final class Demo {
  private Demo() {}

  public static int run(String[] args) {
    return 1;
  }
}
