package org.alertcluster.examples.silence;

/** No silence has the requested id (the API answers 404). */
public final class SilenceNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param id the id asked for
   */
  public SilenceNotFoundException(String id) {
    super("silence " + id + " not found");
  }
}
