package org.alertcluster.examples.node;

/** The command line is wrong: the process prints the message and exits with status 2. */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong
   */
  public UsageException(String message) {
    super(message);
  }
}
