package dev.countersign.oci.signature;

import dev.countersign.core.Digest;
import dev.countersign.oci.internal.signature.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The payload a cosign image signature signs ("simple signing"): the image's manifest digest, the repository it
 * was signed for and optional annotations. Built as compact JSON byte-for-byte as cosign writes it:
 * <pre>{@code {"critical":{"identity":{"docker-reference":"registry/repo"},"image":{"docker-manifest-digest":
 * "sha256:..."},"type":"cosign container image signature"},"optional":null}}</pre>
 * ({@code optional} is an object of the annotations, keys sorted, when there are any). Parsing is as strict as
 * containers/image: exactly those {@code critical} keys, no duplicate keys, at most {@link #MAX_BYTES}; unknown
 * entries are tolerated only inside {@code optional}. Signatures cover {@link #bytes()}, never a re-serialisation.
 */
public final class SimpleSigningPayload {
  /** The {@code critical.type} of every cosign image signature. */
  public static final String TYPE = "cosign container image signature";
  /** Largest payload parsed: 256 KiB (cosign writes a few hundred bytes). */
  public static final int MAX_BYTES = 256 << 10;

  private final String dockerReference;
  private final Digest manifestDigest;
  private final Map<String, String> annotations;
  private final byte[] bytes;

  private SimpleSigningPayload(String dockerReference, Digest manifestDigest, Map<String, String> annotations,
      byte[] bytes) {
    this.dockerReference = dockerReference;
    this.manifestDigest = manifestDigest;
    this.annotations = annotations;
    this.bytes = bytes;
  }

  /**
   * A new payload. {@code dockerReference} is the repository without tag or digest (e.g.
   * {@code registry.example/team/app}); {@code annotations} may be null or empty ({@code "optional":null}).
   */
  public static SimpleSigningPayload of(String dockerReference, Digest manifestDigest,
      Map<String, String> annotations) {
    Map<String, String> a = annotations == null ? Map.of() : Map.copyOf(annotations);
    byte[] json = PayloadCodec.write(dockerReference, Objects.requireNonNull(manifestDigest, "manifestDigest"), a);
    return new SimpleSigningPayload(dockerReference, manifestDigest, a, json);
  }

  /**
   * Parses a payload strictly; throws {@link dev.countersign.core.InvalidInputException} naming the first
   * problem. Parsing proves nothing about who wrote it: verify the signature over these exact bytes first.
   */
  public static SimpleSigningPayload parse(byte[] json) {
    PayloadCodec.Parsed p = PayloadCodec.parse(json);
    return new SimpleSigningPayload(p.dockerReference(), p.manifestDigest(), p.annotations(), json.clone());
  }

  /** {@code critical.identity.docker-reference}: the repository the signer named. */
  public String dockerReference() {
    return dockerReference;
  }

  /** {@code critical.image.docker-manifest-digest}: the signed manifest. */
  public Digest manifestDigest() {
    return manifestDigest;
  }

  /** The string-valued entries of {@code optional} (other values are kept in {@link #bytes()} only). */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** A copy of the exact JSON bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The JSON as text. */
  public String json() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimpleSigningPayload && Arrays.equals(bytes, ((SimpleSigningPayload) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SimpleSigningPayload{" + dockerReference + "@" + manifestDigest + ", " + annotations.size()
        + " annotation(s)}";
  }
}
