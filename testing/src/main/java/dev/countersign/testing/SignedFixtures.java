package dev.countersign.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.CountersignException;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationVerification;
import dev.countersign.core.intoto.AttestationVerifier;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.testing.internal.FixtureComparison;
import dev.countersign.testing.internal.FixtureTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signs a directory of test fixtures and checks later that none was added, removed or changed without re-signing.
 * The manifest, {@value #MANIFEST} at the top of the directory, is a Sigstore bundle (v0.3) holding a DSSE envelope
 * over an in-toto v1 Statement: one subject per regular file (relative path with {@code /}, SHA-256), predicate
 * type {@value #PREDICATE_TYPE}, predicate {@code {"files": N}}. sigstore-js and cosign read it as any DSSE
 * bundle. Symbolic links and special files anywhere in the tree are refused, and so is a manifest naming a path
 * outside the directory; only the manifest itself is left out.
 *
 * <pre>{@code
 * @Test void fixturesAreSigned() {
 *   SignedFixtures.verify(Path.of("src/test/resources/fixtures"), Verifiers.of(publicKey));
 * }
 * }</pre>
 */
public final class SignedFixtures {
  /** The manifest's file name. */
  public static final String MANIFEST = "fixtures.sigstore.json";
  /** The in-toto predicate type of the manifest's statement. */
  public static final String PREDICATE_TYPE = "https://countersign.dev/fixtures/v1";

  private SignedFixtures() {}

  /** Signs every file under {@code dir} and writes {@code dir/}{@value #MANIFEST}; returns the manifest path. */
  public static Path sign(Path dir, Signer signer) {
    Path root = FixtureTree.root(dir);
    SortedMap<String, Digest> files = FixtureTree.walk(root, MANIFEST);
    if (files.isEmpty()) {
      throw new InvalidInputException("no fixtures to sign in " + dir);
    }
    InTotoStatement.Builder statement = InTotoStatement.builder();
    files.forEach((name, digest) -> statement.subject(ResourceDescriptor.of(name, digest)));
    ObjectNode predicate = JsonNodeFactory.instance.objectNode().put("files", files.size());
    statement.predicate(PREDICATE_TYPE, predicate);
    DsseEnvelope envelope = DsseEnvelope.sign(signer, InTotoStatement.PAYLOAD_TYPE, statement.build().toJson());
    String bundle = SignedAttestation.of(envelope, signer.keyId()).bundleJson();
    Path manifest = root.resolve(MANIFEST);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(root, ".fixtures", ".tmp");
      Files.writeString(tmp, bundle, StandardCharsets.UTF_8);
      Files.move(tmp, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + manifest + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
    return manifest;
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write already failed; that failure is the one reported
      }
    }
  }

  /**
   * Checks {@code dir} against its manifest: the signature by {@code verifier}'s key, the predicate type, and the
   * files added, removed and changed since signing. Never throws for a mismatch (see the report); throws
   * {@link InvalidInputException} for a symbolic link or special file in the directory.
   */
  public static VerificationReport check(Path dir, Verifier verifier) {
    Path root = FixtureTree.root(dir);
    VerificationReport.Builder report = VerificationReport.builder("fixtures " + dir);
    Path manifest = root.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
      return report.add(VerificationCheck.failed("fixtures-manifest", MANIFEST + " in the directory", "none",
          "sign the fixtures first")).build();
    }
    SortedMap<String, Digest> present = FixtureTree.walk(root, MANIFEST);
    AttestationVerification verified;
    try {
      Bundle bundle = Bundle.parse(manifest);
      verified = AttestationVerifier.builder().trust(verifier).predicateType(PREDICATE_TYPE).build().verify(bundle);
    } catch (CountersignException e) {
      return report.add(VerificationCheck.failed("fixtures-manifest", "a Sigstore DSSE bundle", "unreadable",
          e.getMessage())).build();
    }
    report.addAll(verified.report().checks());
    if (!verified.passed()) {
      return report.build();
    }
    Map<String, String> signed = new TreeMap<>();
    for (ResourceDescriptor s : verified.verifiedStatement().subjects()) {
      String name = s.name().orElse("");
      if (!FixtureTree.isInside(name)) {
        return report.add(VerificationCheck.failed("fixtures-paths", "relative paths inside the directory",
            "'" + name + "'", "the manifest names a path outside the directory")).build();
      }
      String hex = s.digest().get("sha256").orElse(null);
      if (hex == null || signed.put(name, hex) != null) {
        return report.add(VerificationCheck.failed("fixtures-paths", "one sha256 per file", "'" + name + "'",
            "missing sha256 or duplicate path in the manifest")).build();
      }
    }
    report.add(VerificationCheck.passed("fixtures-paths", signed.size() + " paths inside the directory"));
    return report.addAll(FixtureComparison.compare(signed, FixtureTree.hex(present))).build();
  }

  /**
   * {@link #check}, throwing {@link FixturesMismatchError} (an {@link AssertionError}) with the full report unless
   * every check passed: the one-line JUnit check that fixtures are signed and untampered.
   */
  public static VerificationReport verify(Path dir, Verifier verifier) {
    VerificationReport report = check(dir, verifier);
    if (!report.passed()) {
      throw new FixturesMismatchError(report);
    }
    return report;
  }
}
