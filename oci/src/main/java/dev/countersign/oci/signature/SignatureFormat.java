package dev.countersign.oci.signature;

/** Which cosign signature scheme {@link ImageSigner} writes and {@link ImageVerifier} reads. */
public enum SignatureFormat {
  /** The {@code sha256-<hex>.sig} tag: simple-signing payload layers with a signature annotation (cosign 1-2). */
  LEGACY,
  /** A Sigstore bundle (v0.3, DSSE in-toto statement) attached as an OCI referrer (cosign 3). */
  BUNDLE,
  /** Both; the default, so that every cosign version and containers/image find a signature. */
  BOTH;

  /** Whether this format includes the legacy scheme. */
  public boolean includesLegacy() {
    return this != BUNDLE;
  }

  /** Whether this format includes the bundle scheme. */
  public boolean includesBundle() {
    return this != LEGACY;
  }
}
