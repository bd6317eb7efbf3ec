package dev.countersign.policy;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.intoto.ProvenanceGenerator;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.ImageSigner;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;

/** The build system's side of the seed workflow (steps 2-5), for promotion tests: image, signature, provenance. */
final class PromotionFixture {
  static final String REPO = "https://github.com/acme/web";
  static final String REF = "refs/heads/main";
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String BUILDER = "https://ci.example.com/builders/linux@v1";
  static final String BUILD_TYPE = "https://ci.example.com/buildtypes/make/v1";
  static final String ENTRY_POINT = "make image";
  static final String POLICY = String.join("\n",
      "apiVersion: countersign.dev/v1",
      "kind: ProvenancePolicy",
      "predicateTypes: [https://slsa.dev/provenance/v1]",
      "source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: [" + COMMIT + "]}",
      "builder: {ids: [" + BUILDER + "]}",
      "build: {types: [" + BUILD_TYPE + "], entryPoints: [make image]}",
      "maxAge: 720h",
      "rules:",
      "  - {name: no-dirty-tree, expression: \"!has(predicate.buildDefinition.externalParameters.dirty)\"}",
      "");

  private PromotionFixture() {}

  static Signer newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return Signers.of(g.generateKeyPair(), SignatureAlgorithm.ECDSA_P256_SHA256);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PolicyDocument policy() {
    byte[] bytes = POLICY.getBytes(StandardCharsets.UTF_8);
    return PolicyDocument.parse(bytes, "https://policies.example.com/web.yaml");
  }

  /** Builds {@code :dev} with {@code content}; returns its descriptor. */
  static Descriptor image(Repository repo, String content) {
    ImageBuilder.create().timestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .addContent(content.getBytes(StandardCharsets.UTF_8), "app/index.html", 0644).build(repo, "dev");
    return repo.resolve("dev").orElseThrow();
  }

  /** Signs the image with each developer key. */
  static void sign(Repository repo, String reference, Descriptor image, List<Signer> developers) {
    for (Signer s : developers) {
      ImageSigner.builder(s).build().sign(repo, reference, image);
    }
  }

  /** A provenance generator with the passing values; tests change one. */
  static ProvenanceGenerator provenance(Instant startedOn) {
    return ProvenanceGenerator.explicit().source(REPO, REF, COMMIT).entryPoint(ENTRY_POINT).builderId(BUILDER)
        .buildType(BUILD_TYPE).startedOn(startedOn);
  }

  /** Attaches {@code generator}'s provenance, signed by {@code developer}. */
  static void attest(Repository repo, String reference, Descriptor image, Signer developer,
      ProvenanceGenerator generator) {
    var p = generator.generate();
    ImageAttester.builder().build().attest(repo, image, reference, developer, p.predicateType(), p.toJson());
  }

  static Digest digestOf(String s) {
    return Digest.compute(DigestAlgorithm.SHA256, s.getBytes(StandardCharsets.UTF_8));
  }
}
