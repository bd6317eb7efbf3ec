package dev.countersign.examples;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageCopy;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.sbom.SbomAttachment;
import dev.countersign.sbom.SbomAttestor;
import dev.countersign.sbom.SbomDocuments;
import dev.countersign.sbom.SbomGenerator;
import dev.countersign.sbom.SbomResult;
import dev.countersign.sbom.SbomVerification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.model.Component;

/**
 * Section 2 of the seed's second workflow (steps 5-14), offline: OCI layouts stand in for the distribution
 * account's build output, Amazon ECR and the end user's local copy; a directory served on 127.0.0.1 stands in for
 * the public-key CDN.
 * The distribution account builds an image with real package metadata ({@link DistributionImage}), generates its
 * CycloneDX SBOM, signs the image and the SBOM (an in-toto attestation about the image digest) with the release
 * key and pushes image, signatures and SBOM to the registry. The release key is a generated cosign key file, or
 * the AWS KMS key {@code COUNTERSIGN_DEMO_KMS_KEY} names ({@code awskms:///alias/...}; steps 1-4, the key ceremony,
 * made it; the private key never leaves KMS). The end user ({@link EndUser}) fetches everything, downloads the
 * published public key over HTTP ({@code --key http://.../pubkey-YYYY-MM-DD.pem --key-sha256 HEX}), verifies image
 * and SBOM with it, and sees the SBOM refused under another key. Every unexpected outcome
 * throws.
 */
public final class DistributionDemo {
  static final String REFERENCE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/acme/app";
  /** The environment variable naming an {@code awskms://} release key; unset, a file key is generated. */
  static final String KMS_KEY_VARIABLE = "COUNTERSIGN_DEMO_KMS_KEY";

  /** What the end user established, for tests. */
  record Outcome(Descriptor image, Path publicKey, SbomVerification verified, SbomVerification refused) {}

  private DistributionDemo() {}

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "target/distribution"), System.getenv(KMS_KEY_VARIABLE));
  }

  /** The workflow with a file key ({@code kmsKey} null) or the {@code awskms://} key {@code kmsKey}. */
  static Outcome run(Path dir, String kmsKey) throws IOException {
    // The fail-closed check uses the key of the previous 90-day period: once valid, now another key.
    return run(dir, kmsKey, Verifiers.of(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256).getPublic()));
  }

  /** As {@link #run(Path, String)}, with the key the SBOM must be refused under (tests pass the right one). */
  static Outcome run(Path dir, String kmsKey, Verifier otherKey) throws IOException {
    Files.createDirectories(dir);
    KeyBackends keys = KeyBackends.discover();
    char[] password = "demo-only".toCharArray(); // real keys come from a KMS or a prompt, never a literal
    Signer release;
    try {
      release = kmsKey == null || kmsKey.isBlank()
          ? keys.signer(SupplyChainDemo.writeKeys(dir, "release", password).toString(), PasswordSource.of(password))
          : keys.signer(kmsKey, PasswordSource.none());
    } finally {
      Arrays.fill(password, '\0');
    }
    String keyName = kmsKey == null || kmsKey.isBlank() ? "file key " + dir.resolve("release.key") : kmsKey;

    // 1-4. (the key ceremony) The public key is published on the CDN under the date of the rotation period.
    Path cdn = Files.createDirectories(dir.resolve("cdn"));
    Path publicKey = cdn.resolve("pubkey-" + LocalDate.now(ZoneOffset.UTC) + ".pem");
    Files.writeString(publicKey, PemKeys.writePublicKey(release.publicKey()));
    System.out.println("governance:   release key " + keyName + " (" + release.keyId() + "); public key published"
        + " as " + publicKey);

    // 5. Build the image into the distribution account's own layout.
    OciLayout build = SupplyChainDemo.freshLayout(dir.resolve("build"));
    String tag = DistributionImage.VERSION;
    DistributionImage.builder().build(build, tag);
    Descriptor image = build.resolve(tag).orElseThrow();
    System.out.println("distribution: 5. built " + REFERENCE + ":" + tag + " = " + image.digest() + " (Debian 12 base"
        + " layer with " + DistributionImage.DEBIAN_PACKAGES.size() + " dpkg packages, app layer with npm "
        + DistributionImage.NPM_PACKAGES + ")");

    // 6. Generate its SBOM from the layers (read as streams, whiteouts applied, schema-validated).
    SbomResult sbom = SbomGenerator.builder().build().generateWithWarnings(build, image.digest().toString());
    expect(sbom.warnings().isEmpty(), "the SBOM generator skipped input: " + sbom.warnings());
    Path sbomFile = Files.write(dir.resolve("app-" + tag + ".cdx.json"), sbom.json());
    System.out.println("distribution: 6. generated its CycloneDX " + sbom.bom().getSpecVersion() + " SBOM: "
        + countByType(sbom) + "; also in " + sbomFile);

    // 7-9. Sign the image (cosign .sig tag and bundle referrer) and the SBOM (in-toto attestation, .att and bundle).
    int signatures = ImageSigner.builder(release).build().sign(build, REFERENCE, image).size();
    SbomAttachment attached = SbomAttestor.builder().signer(release).build().attach(build, REFERENCE,
        image.digest().toString(), SbomDocuments.defaults().fromBom(sbom.bom()));
    expect(attached.image().equals(image.digest()), "the SBOM was attached to " + attached.image());
    System.out.println("distribution: 7-9. signed the image (" + signatures + " signature objects) and the SBOM ("
        + attached.document().predicateType() + ", " + attached.stored().size() + " attestation objects) with "
        + (kmsKey == null || kmsKey.isBlank() ? "the file key" : "the KMS key (signing done by KMS)"));

    // 10. Push image, signatures and SBOM attestation to the registry (copied with their digests checked).
    OciLayout ecr = SupplyChainDemo.freshLayout(dir.resolve("ecr"));
    ImageCopy.Result pushed = ImageCopy.withSignatures().copy(build, tag, ecr, tag);
    expect(pushed.descriptor().digest().equals(image.digest()), "the registry got another image");
    System.out.println("distribution: 10. pushed image, signatures and SBOM to " + dir.resolve("ecr") + " ("
        + pushed.manifests() + " manifests, " + pushed.blobsCopied() + " blobs)");
    System.out.println();

    // 11-14. The end user, who trusts only the public key from the CDN (a web server on 127.0.0.1 here), pinned
    // by the SHA-256 the release notes print.
    String pin = Digest.compute(DigestAlgorithm.SHA256, publicKey).hex();
    try (StaticHttpServer server = StaticHttpServer.serve(cdn)) {
      EndUser user = new EndUser(SupplyChainDemo.freshLayout(dir.resolve("user")), REFERENCE);
      user.fetch(ecr, tag);
      Verifier published = user.fetchKey(server.url() + publicKey.getFileName(), pin);
      SbomVerification verified = user.verify(tag, image.digest(), published);
      SbomVerification refused = user.refuseSbom(tag, otherKey);
      return new Outcome(image, publicKey, verified, refused);
    }
  }

  /** "7 components: 5 deb, 1 npm, 1 operating-system" from the purl types (or component type without purl). */
  private static String countByType(SbomResult sbom) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Component c : sbom.bom().getComponents()) {
      String purl = c.getPurl();
      String type = purl != null && purl.startsWith("pkg:") ? purl.substring(4, purl.indexOf('/'))
          : c.getType().getTypeName();
      counts.merge(type, 1, Integer::sum);
    }
    StringBuilder text = new StringBuilder(sbom.bom().getComponents().size() + " components (");
    counts.forEach((type, n) -> text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ").append(n).append(' ')
        .append(type));
    return text.append(')').toString();
  }

  static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
