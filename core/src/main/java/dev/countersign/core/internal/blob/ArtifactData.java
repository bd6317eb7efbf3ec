package dev.countersign.core.internal.blob;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.WholeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One pass over an artifact: every digest a verification needs, computed together in constant memory, and the
 * whole content only when a pure Ed25519 key must see the message (capped at {@link WholeMessage#MAX_BYTES}).
 */
public final class ArtifactData {
  private final Map<DigestAlgorithm, Digest> digests;
  private final byte[] whole;

  private ArtifactData(Map<DigestAlgorithm, Digest> digests, byte[] whole) {
    this.digests = digests;
    this.whole = whole;
  }

  /** Reads {@code in} to its end (not closed). */
  public static ArtifactData read(InputStream in, Set<DigestAlgorithm> algorithms, boolean keepWhole) {
    Map<DigestAlgorithm, MessageDigest> mds = new EnumMap<>(DigestAlgorithm.class);
    for (DigestAlgorithm a : algorithms) {
      mds.put(a, a.newMessageDigest());
    }
    ByteArrayOutputStream content = keepWhole ? new ByteArrayOutputStream() : null;
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        for (MessageDigest md : mds.values()) {
          md.update(buf, 0, n);
        }
        if (content != null) {
          total += n;
          if (total > WholeMessage.MAX_BYTES) {
            throw new InvalidInputException("pure Ed25519 verifies the whole message and cannot stream it: "
                + "artifacts over " + (WholeMessage.MAX_BYTES >> 20) + " MiB are refused");
          }
          content.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the artifact: " + e.getMessage(), e);
    }
    Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
    mds.forEach((a, md) -> out.put(a, Digest.of(a, md.digest())));
    return new ArtifactData(out, content == null ? null : content.toByteArray());
  }

  /** The digest with {@code algorithm}, which must have been requested. */
  public Digest digest(DigestAlgorithm algorithm) {
    Digest d = digests.get(algorithm);
    if (d == null) {
      throw new IllegalStateException(algorithm + " was not computed");
    }
    return d;
  }

  /** The whole content (a shared array: do not modify), when requested. */
  public byte[] whole() {
    if (whole == null) {
      throw new IllegalStateException("the whole artifact was not kept");
    }
    return whole;
  }
}
