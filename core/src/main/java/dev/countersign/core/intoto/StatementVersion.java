package dev.countersign.core.intoto;

import dev.countersign.core.InvalidInputException;

/** The in-toto Statement versions read and written: v1 (the default) and v0.1 (what {@code cosign attest} writes). */
public enum StatementVersion {
  /** {@code https://in-toto.io/Statement/v1}. */
  V1("https://in-toto.io/Statement/v1"),
  /** {@code https://in-toto.io/Statement/v0.1}. */
  V0_1("https://in-toto.io/Statement/v0.1");

  private final String uri;

  StatementVersion(String uri) {
    this.uri = uri;
  }

  /** The statement's {@code _type} value. */
  public String uri() {
    return uri;
  }

  /** The version whose {@code _type} is {@code uri}. */
  public static StatementVersion ofUri(String uri) {
    for (StatementVersion v : values()) {
      if (v.uri.equals(uri)) {
        return v;
      }
    }
    throw new InvalidInputException("unsupported in-toto statement _type '" + uri + "' (supported: "
        + V1.uri + ", " + V0_1.uri + ")");
  }

  /** Parses {@code v1}, {@code v0.1} (cosign's {@code --statement-version} values) or a {@code _type} URI. */
  public static StatementVersion parse(String text) {
    if ("v1".equalsIgnoreCase(text) || "1".equals(text)) {
      return V1;
    }
    if ("v0.1".equalsIgnoreCase(text) || "0.1".equals(text)) {
      return V0_1;
    }
    return ofUri(text);
  }
}
