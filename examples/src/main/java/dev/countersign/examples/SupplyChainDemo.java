package dev.countersign.examples;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The image half of the seed workflow on embedded defaults: an OCI layout on disk stands in for the registry and
 * the keys are generated. A build system builds and signs {@code app:dev} with the developer key; the platform
 * team verifies that signature, countersigns with the platform key and tags {@code prod}; a customer verifies
 * {@code prod} with the platform's public key; an image nobody signed is rejected with the reason.
 * (Provenance checks join this demo with the attestation work.)
 */
public final class SupplyChainDemo {
  private SupplyChainDemo() {}

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "target/demo"));
  }

  static void run(Path dir) throws IOException {
    Files.createDirectories(dir);
    char[] password = "demo-only".toCharArray();
    Path devKey = writeKeys(dir, "developer", password);
    Path platformKey = writeKeys(dir, "platform", password);
    KeyBackends keys = KeyBackends.discover();

    // Build system: build the image into the "registry" (an OCI layout) and sign app:dev with the developer key.
    OciLayout registry = OciLayout.create(dir.resolve("registry"));
    Descriptor dev = build(registry, "dev", "v1.0.0");
    ImageSigner.builder(keys.signer(devKey.toString(), PasswordSource.of(password))).annotation("stage=dev")
        .build().sign(registry, "demo.local/app", dev);
    System.out.println("build:    built and signed app:dev " + dev.digest() + " with the developer key");

    // Platform team: verify the developer signature first; only then countersign and promote to prod.
    ImageVerificationResult devCheck = ImageVerifier.builder()
        .keyResolver(keys.resolver(dir.resolve("developer.pub").toString())).requireAnnotation("stage", "dev")
        .build().verify(registry, "dev");
    System.out.println("platform: developer signature " + (devCheck.passed() ? "verified" : "REJECTED: "
        + devCheck.reason().orElse("")));
    devCheck.orThrow();
    ImageSigner.builder(keys.signer(platformKey.toString(), PasswordSource.of(password))).annotation("stage=prod")
        .build().sign(registry, "demo.local/app", dev);
    Manifest manifest = registry.manifest(dev.digest().toString()).orElseThrow();
    registry.putManifest(manifest, "prod");
    System.out.println("platform: countersigned with the platform key and tagged app:prod");

    // Customer: verify prod with the platform public key (fetched from the CDN in the real workflow).
    ImageVerifier customer = ImageVerifier.builder()
        .keyResolver(keys.resolver(dir.resolve("platform.pub").toString())).requireAnnotation("stage", "prod")
        .build();
    ImageVerificationResult prod = customer.verify(registry, "prod");
    System.out.println("customer: app:prod " + (prod.passed() ? "verified: " + prod.verified().size()
        + " signature(s) by the platform key with stage=prod (of " + prod.signatures().size() + " found)"
        : "REJECTED"));

    // An image that skipped the platform gate is rejected, with the reason.
    build(registry, "sneaky", "v1.0.1-unreviewed");
    ImageVerificationResult sneaky = customer.verify(registry, "sneaky");
    System.out.println("customer: app:sneaky " + (sneaky.passed() ? "verified?!" : "rejected: "
        + sneaky.reason().orElse("")));
    java.util.Arrays.fill(password, '\0');
    if (!prod.passed() || sneaky.passed()) {
      throw new IllegalStateException("demo outcome is wrong");
    }
  }

  private static Descriptor build(OciLayout registry, String tag, String version) {
    ImageBuilder.create().timestamp(Instant.EPOCH)
        .addContent(("app " + version + "\n").getBytes(StandardCharsets.UTF_8), "/app/VERSION", 0644)
        .entrypoint("/bin/cat", "/app/VERSION").build(registry, tag);
    return registry.resolve(tag).orElseThrow();
  }

  private static Path writeKeys(Path dir, String name, char[] password) throws IOException {
    CosignKeyFiles files = CosignKeys.export(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256), password);
    Path key = dir.resolve(name + ".key");
    Files.writeString(key, files.privateKeyPem());
    Files.writeString(dir.resolve(name + ".pub"), files.publicKeyPem());
    return key;
  }
}
