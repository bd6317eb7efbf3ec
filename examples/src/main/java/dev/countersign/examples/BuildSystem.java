package dev.countersign.examples;

import dev.countersign.core.Signer;
import dev.countersign.core.intoto.ProvenanceGenerator;
import dev.countersign.core.intoto.SlsaProvenance;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.ImageAttester;
import dev.countersign.oci.signature.ImageSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The build system of the seed's first workflow (steps 1-5): a commit triggers a build; it builds a small image
 * and generates SLSA provenance for it, pushes the image as {@code :dev}, signs it with the developer key (cosign
 * format) and attaches the provenance as an in-toto attestation signed with the same key.
 */
final class BuildSystem {
  static final String SOURCE = "https://github.com/acme/web";
  static final String BUILDER_ID = "https://ci.acme.example/builders/linux@v1";
  static final String BUILD_TYPE = "https://ci.acme.example/buildtypes/make/v1";
  static final String ENTRY_POINT = "make image";

  private final Repository registry;
  private final String reference;
  private final Signer developer;

  BuildSystem(Repository registry, String reference, Signer developer) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.developer = Objects.requireNonNull(developer, "developer");
  }

  /**
   * Builds {@code version} of the app from {@code commit} on {@code ref} of {@code source}, pushes it as
   * {@code :dev}, signs it and attaches its signed provenance; returns the pushed image.
   */
  Descriptor build(String source, String ref, String commit, String version) {
    System.out.println("build:    1. commit " + commit.substring(0, 12) + " on " + ref + " of " + source
        + " triggers a build");

    // 2. Build the image (reproducibly: fixed timestamp) and generate its provenance, as a CI job would with
    // ProvenanceGenerator.fromEnvironment(); here the values are explicit.
    ImageBuilder image = ImageBuilder.create().timestamp(Instant.EPOCH)
        .addContent(("web " + version + "\n").getBytes(StandardCharsets.UTF_8), "/app/VERSION", 0644)
        .entrypoint("/bin/cat", "/app/VERSION");
    SlsaProvenance provenance = ProvenanceGenerator.explicit().source(source, ref, commit).entryPoint(ENTRY_POINT)
        .builderId(BUILDER_ID).buildType(BUILD_TYPE).startedOn(Instant.now().minus(Duration.ofMinutes(3)))
        .generate();
    System.out.println("build:    2. built web " + version + "; provenance: " + provenance.sourceRepository()
        .orElseThrow() + " " + provenance.sourceRef().orElseThrow() + ", \"" + provenance.entryPoint().orElseThrow()
        + "\", builder " + provenance.builderId());

    // 3. Push it to the registry as :dev.
    image.build(registry, "dev");
    Descriptor pushed = registry.resolve("dev").orElseThrow();
    System.out.println("build:    3. pushed " + reference + ":dev = " + pushed.digest());

    // 4. Sign the digest with the developer key (cosign's .sig tag and a Sigstore bundle referrer).
    int signatures = ImageSigner.builder(developer).build().sign(registry, reference, pushed).size();
    System.out.println("build:    4. signed it with the developer key " + developer.keyId() + " (" + signatures
        + " signature objects: cosign .sig tag and bundle referrer)");

    // 5. Attach the provenance, signed with the developer key, as an in-toto statement about that digest.
    int attached = ImageAttester.builder().build().attest(registry, pushed, reference, developer,
        provenance.predicateType(), provenance.toJson()).size();
    System.out.println("build:    5. attached the signed provenance (" + provenance.predicateType() + ", "
        + attached + " objects: cosign .att tag and bundle referrer)");
    return pushed;
  }
}
