package dev.countersign.examples;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The quickstart: generate a cosign-compatible key pair, sign a file (raw signature and Sigstore bundle), verify
 * it, and watch a tampered file fail with a precise reason. Everything lands in {@code target/quickstart} (or the
 * directory given as the first argument); nothing leaves the machine.
 *
 * <p>The files it writes are the ones cosign reads: {@code cosign verify-blob --key cosign.pub --bundle
 * artifact.sigstore.json artifact.txt} accepts them.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/quickstart");
    Files.createDirectories(dir);
    char[] password = "quickstart-demo-only".toCharArray(); // a real tool asks; see PasswordSource

    // 1. A key pair, written as cosign generate-key-pair writes it (ECDSA P-256, scrypt + secretbox).
    CosignKeyFiles files = CosignKeys.export(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256), password);
    Files.writeString(dir.resolve("cosign.key"), files.privateKeyPem());
    Files.writeString(dir.resolve("cosign.pub"), files.publicKeyPem());
    System.out.println("1. key pair written to " + dir + "/cosign.{key,pub}, key id " + files.keyId());

    // 2. Sign a file through a key reference, as any backend (file, awskms://, pgp://) would be used.
    Path artifact = dir.resolve("artifact.txt");
    Files.writeString(artifact, "hello from Countersign\n");
    KeyBackends keys = KeyBackends.discover();
    Signer signer = keys.signer(dir.resolve("cosign.key").toString(), PasswordSource.of(password));
    Arrays.fill(password, '\0');
    BlobSignature signature = BlobSigner.of(signer).sign(artifact);
    Files.writeString(dir.resolve("artifact.sig"), signature.base64());
    Files.writeString(dir.resolve("artifact.sigstore.json"), signature.bundleJson());
    System.out.println("2. signed " + signature.artifactDigest() + " -> artifact.sig, artifact.sigstore.json");

    // 3. Verify with the public key: every check is listed, including those not performed.
    BlobVerifier verifier = BlobVerifier.of(keys.resolver(dir.resolve("cosign.pub").toString()));
    Bundle bundle = Bundle.parse(dir.resolve("artifact.sigstore.json"));
    VerificationReport report = verifier.verifyBundle(artifact, bundle);
    System.out.println("3. " + report);

    // 4. Change one byte: verification fails closed and says which check failed, expected vs actual.
    Files.writeString(artifact, "hello from Countersign!\n", StandardCharsets.UTF_8);
    try {
      verifier.verifyBundle(artifact, bundle);
      throw new IllegalStateException("a tampered artifact verified");
    } catch (VerificationException e) {
      System.out.println("4. tampered artifact rejected: " + e.report().failures());
    }
  }
}
