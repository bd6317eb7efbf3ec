package dev.countersign.examples;

import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Signs a container image as cosign does (a legacy {@code .sig} signature and a Sigstore bundle referrer) and
 * verifies it with the public key. With no argument, or a directory, it builds a one-file image into an OCI layout
 * ({@code target/sign-image} by default) and works there, offline; with a registry reference such as
 * {@code localhost:5000/team/app:v1} it signs and verifies that image in the registry (credentials from
 * {@code ~/.docker/config.json}, plain HTTP only for loopback registries). The same code is in docs/oci.md.
 */
public final class SignImage {
  private SignImage() {}

  public static void main(String[] args) {
    Signer signer = Signers.of(KeyGeneration.generate());  // ECDSA P-256; or KeyBackends.discover().signer(...)
    Verifier publicKey = Verifiers.of(signer);
    boolean registry = args.length > 0 && args[0].contains(":") && !args[0].startsWith("/");
    ImageVerificationResult result = registry ? inRegistry(args[0], signer, publicKey)
        : inLayout(Path.of(args.length > 0 ? args[0] : "target/sign-image"), signer, publicKey);
    System.out.println(result);
    result.orThrow();  // throws VerificationException (with every failure) unless each manifest verified
  }

  /** Builds an image into the layout at {@code dir}, tags it v1, signs it and verifies it. */
  static ImageVerificationResult inLayout(Path dir, Signer signer, Verifier publicKey) {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest image = ImageBuilder.create()  // deterministic: the same inputs give the same digest
        .addContent("hello\n".getBytes(StandardCharsets.UTF_8), "/hello.txt", 0644)
        .build(layout, "v1");
    ImageSigner.builder(signer).build()  // SignatureFormat.BOTH: .sig for podman/skopeo, a bundle for cosign 3
        .sign(layout, dir.toAbsolutePath().toString(), image.manifest().descriptor());
    return ImageVerifier.builder().trust(publicKey).build().verify(layout, "v1");
  }

  /** Signs and verifies an image that is already in a registry, e.g. {@code localhost:5000/team/app:v1}. */
  static ImageVerificationResult inRegistry(String reference, Signer signer, Verifier publicKey) {
    ImageReference ref = ImageReference.parse(reference);
    try (Registry registry = Registry.create()) {
      RegistryRepository repo = registry.repository(ref);
      Descriptor image = repo.resolve(ref.identifier()).orElseThrow();  // the tag is resolved once, to a digest
      ImageSigner.builder(signer).build().sign(repo, ref.context(), image);
      return ImageVerifier.builder().trust(publicKey).dockerReference(ref.context()).build()
          .verify(repo, image.digest().toString());
    }
  }
}
