package org.alertcluster.examples.config;

/** The configuration file is invalid; the message names the line at fault. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, and where
   */
  public ConfigException(String message) {
    super(message);
  }
}
