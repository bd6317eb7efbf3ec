package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Referrers;
import java.util.Objects;

/**
 * Where cosign keeps what it attaches to a manifest, in the same repository: signatures under tag
 * {@code sha256-<hex>.sig}, attestations under {@code sha256-<hex>.att}, and (for registries without the
 * referrers API) the referrers index under {@code sha256-<hex>}.
 */
public final class Triangulation {
  /** Suffix of the legacy signature tag. */
  public static final String SIGNATURE_SUFFIX = ".sig";
  /** Suffix of the legacy attestation tag. */
  public static final String ATTESTATION_SUFFIX = ".att";

  private Triangulation() {}

  /** {@code sha256-<hex>.sig}. */
  public static String signatureTag(Digest digest) {
    return base(digest) + SIGNATURE_SUFFIX;
  }

  /** {@code sha256-<hex>.att}. */
  public static String attestationTag(Digest digest) {
    return base(digest) + ATTESTATION_SUFFIX;
  }

  /** {@code sha256-<hex>}: the referrers tag schema's fallback index. */
  public static String referrersTag(Digest digest) {
    return base(digest);
  }

  /** The digest a {@code .sig}, {@code .att} or referrers tag names; throws for any other tag. */
  public static Digest digestOf(String tag) {
    Objects.requireNonNull(tag, "tag");
    String t = tag;
    if (t.endsWith(SIGNATURE_SUFFIX) || t.endsWith(ATTESTATION_SUFFIX)) {
      t = t.substring(0, t.length() - 4);
    }
    int dash = t.indexOf('-');
    if (dash <= 0) {
      throw new InvalidInputException("not a cosign attachment tag: '" + (tag.length() > 80
          ? tag.substring(0, 77) + "..." : tag) + "'");
    }
    return Digest.parse(t.substring(0, dash) + ":" + t.substring(dash + 1));
  }

  private static String base(Digest digest) {
    return Referrers.fallbackTag(Objects.requireNonNull(digest, "digest"));
  }
}
