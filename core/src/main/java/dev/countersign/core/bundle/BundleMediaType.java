package dev.countersign.core.bundle;

import dev.countersign.core.InvalidInputException;

/** The Sigstore bundle versions Countersign reads; it writes {@link #V0_3}. */
public enum BundleMediaType {
  V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
  V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
  /** The first spelling of v0.3, still accepted by Sigstore clients. */
  V0_3_LEGACY("application/vnd.dev.sigstore.bundle+json;version=0.3"),
  V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

  private final String value;

  BundleMediaType(String value) {
    this.value = value;
  }

  /** The media type string as it appears in {@code mediaType}. */
  public String value() {
    return value;
  }

  /** The version for a {@code mediaType} string; unknown types are refused. */
  public static BundleMediaType parse(String mediaType) {
    for (BundleMediaType t : values()) {
      if (t.value.equals(mediaType)) {
        return t;
      }
    }
    String shown = mediaType == null ? "nothing" : "'" + (mediaType.length() > 100 ? mediaType.substring(0, 97)
        + "..." : mediaType) + "'";
    throw new InvalidInputException("unsupported Sigstore bundle media type " + shown + " (supported: "
        + V0_1.value + ", " + V0_2.value + ", " + V0_3.value + ")");
  }
}
