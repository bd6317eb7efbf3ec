package dev.countersign.policy;

import dev.countersign.core.BackendException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link ProvenancePolicy} with where it came from: the URI and the SHA-256 of the exact bytes it was read from.
 * A verification summary (VSA) names both, so a reader can tell which policy an image passed.
 */
public final class PolicyDocument {
  private static final long MAX_BYTES = 1 << 20;
  private final ProvenancePolicy policy;
  private final String uri;
  private final Digest digest;

  private PolicyDocument(ProvenancePolicy policy, String uri, Digest digest) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  /** Reads and parses a policy file (YAML or JSON, at most 1 MiB); its URI is the file's {@code file:} URI. */
  public static PolicyDocument read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidInputException("policy file " + file + " is larger than 1 MiB");
      }
      byte[] bytes = Files.readAllBytes(file);
      return of(ProvenancePolicy.parse(bytes, file.getFileName().toString()), file.toAbsolutePath().toUri().toString(),
          Digest.compute(DigestAlgorithm.SHA256, bytes));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("policy file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new BackendException("cannot read policy file " + file + ": " + e.getMessage(), false, e);
    }
  }

  /** Parses policy {@code bytes} published at {@code uri}. */
  public static PolicyDocument parse(byte[] bytes, String uri) {
    return of(ProvenancePolicy.parse(bytes, uri), uri, Digest.compute(DigestAlgorithm.SHA256, bytes));
  }

  /** A policy built in code, named by {@code uri} and identified by {@code digest}. */
  public static PolicyDocument of(ProvenancePolicy policy, String uri, Digest digest) {
    return new PolicyDocument(policy, uri, digest);
  }

  public ProvenancePolicy policy() {
    return policy;
  }

  /** Where the policy was read from, as the VSA's {@code policy.uri}. */
  public String uri() {
    return uri;
  }

  /** SHA-256 of the policy's bytes, as the VSA's {@code policy.digest}. */
  public Digest digest() {
    return digest;
  }

  @Override
  public String toString() {
    return "PolicyDocument[" + uri + ", " + digest + "]";
  }
}
