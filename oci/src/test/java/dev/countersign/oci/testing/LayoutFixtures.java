package dev.countersign.oci.testing;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small images, cosign-style signature manifests and referrers written straight into a repository. */
public final class LayoutFixtures {
  private LayoutFixtures() {}

  /** An image with one config and one layer whose content is {@code text}; tagged {@code tag} (may be null). */
  public static ImageManifest image(Repository repo, String text, String tag) {
    Descriptor layer = repo.pushBlob(MediaTypes.OCI_LAYER, bytes("layer " + text));
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, bytes("{\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer.digest() + "\"]},\"note\":\"" + text + "\"}"));
    ImageManifest m = ImageManifest.builder().config(config).addLayer(layer).build();
    repo.putManifest(m.manifest(), tag);
    return m;
  }

  /**
   * A legacy cosign signature ({@code suffix} ".sig") or attestation (".att") manifest for {@code signed} at tag
   * {@code sha256-<hex><suffix>}, with a fake signature.
   */
  public static ImageManifest legacySignature(Repository repo, Descriptor signed, String suffix) {
    Descriptor payload = repo.pushBlob(suffix.equals(".att") ? MediaTypes.DSSE_ENVELOPE
        : MediaTypes.COSIGN_SIMPLE_SIGNING, bytes(suffix.equals(".att") ? "{\"payloadType\":\"x\"}"
        : "{\"critical\":{\"identity\":"
        + "{\"docker-reference\":\"example.test/app\"},\"image\":{\"docker-manifest-digest\":\"" + signed.digest()
        + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}"));
    payload = payload.toBuilder().annotations(java.util.Map.of("dev.cosignproject.cosign/signature",
        Base64.getEncoder().encodeToString(bytes("not a real signature")))).build();
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, bytes("{\"architecture\":\"\",\"created\":"
        + "\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":"
        + "{\"type\":\"layers\",\"diff_ids\":[\"" + payload.digest() + "\"]},\"config\":{}}"));
    ImageManifest m = ImageManifest.builder().config(config).addLayer(payload).build();
    repo.putManifest(m.manifest(), "sha256-" + signed.digest().hex() + suffix);
    return m;
  }

  /** A bundle-style referrer of {@code subject}, stored by digest only. */
  public static ImageManifest referrer(Repository repo, Descriptor subject, String content) {
    Descriptor empty = repo.pushBlob(MediaTypes.OCI_EMPTY, bytes("{}"));
    Descriptor bundle = repo.pushBlob(MediaTypes.SIGSTORE_BUNDLE_V03, bytes("{\"fake\":\"" + content + "\"}"));
    ImageManifest m = ImageManifest.builder().artifactType(MediaTypes.SIGSTORE_BUNDLE_V03).config(empty)
        .addLayer(bundle).subject(subject).annotation("dev.sigstore.bundle.content", "dsse-envelope").build();
    repo.putManifest(m.manifest(), null);
    return m;
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
