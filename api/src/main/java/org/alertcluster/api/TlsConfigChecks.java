package org.alertcluster.api;

/**
 * What a valid {@link TlsConfig} is: the combinations of fields {@link TlsConfig.Builder#build()}
 * accepts, with messages naming the field ({@code ClusterConfig.tls.<field>}) and the reason. Whether
 * the files exist and hold what they should is checked when they are read ({@code TlsFiles}).
 */
final class TlsConfigChecks {

  private TlsConfigChecks() {}

  /**
   * Checks the combination of fields.
   *
   * @param t the configuration just built
   * @throws IllegalArgumentException naming the field and the reason
   */
  static void check(TlsConfig t) {
    boolean anySet = !t.keyFile().isEmpty() || !t.caFile().isEmpty() || !t.trustStoreFile().isEmpty()
        || !t.serverName().isEmpty() || t.insecureSkipVerify();
    if (!t.enabled()) {
      if (anySet) {
        throw TlsFiles.invalid("certificateFile", "",
            "is required (or keyStoreFile) once any other TLS setting is given");
      }
      return;
    }
    if (!t.certificateFile().isEmpty() && !t.keyStoreFile().isEmpty()) {
      throw TlsFiles.invalid("keyStoreFile", t.keyStoreFile(),
          "cannot be combined with certificateFile: give PEM files or a keystore");
    }
    if (!t.certificateFile().isEmpty() && t.keyFile().isEmpty()) {
      throw TlsFiles.invalid("keyFile", "", "is required with certificateFile");
    }
    if (!t.caFile().isEmpty() && !t.trustStoreFile().isEmpty()) {
      throw TlsFiles.invalid("trustStoreFile", t.trustStoreFile(),
          "cannot be combined with caFile: give one trust anchor source");
    }
    boolean needsAnchors = t.clientAuth() != TlsConfig.ClientAuth.NONE || !t.insecureSkipVerify();
    if (needsAnchors && t.caFile().isEmpty() && t.trustStoreFile().isEmpty()) {
      throw TlsFiles.invalid("caFile", "", "is required (or trustStoreFile) to verify peers"
          + " unless clientAuth is NONE and insecureSkipVerify is set");
    }
    for (String[] typeField : new String[][] {{"keyStoreType", t.keyStoreType()},
        {"trustStoreType", t.trustStoreType()}}) {
      String type = typeField[1];
      if (!type.equalsIgnoreCase("PKCS12") && !type.equalsIgnoreCase("JKS")) {
        throw TlsFiles.invalid(typeField[0], type, "must be PKCS12 or JKS");
      }
    }
    if (!t.serverName().isEmpty() && !t.serverName().matches("[A-Za-z0-9*._:\\-\\[\\]]+")) {
      throw TlsFiles.invalid("serverName", t.serverName(), "must be a DNS name or IP address");
    }
  }
}
