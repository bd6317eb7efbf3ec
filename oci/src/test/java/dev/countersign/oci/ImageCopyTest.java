package dev.countersign.oci;

import static dev.countersign.oci.testing.LayoutFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.LayoutFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCopyTest {
  @TempDir Path tmp;

  @Test
  void copiesImageWithLegacySignaturesReferrersAndFallbackIndex() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest image = LayoutFixtures.image(src, "app", "v1");
    Descriptor subject = image.manifest().descriptor();
    ImageManifest sig = LayoutFixtures.legacySignature(src, subject, ".sig");
    ImageManifest att = LayoutFixtures.legacySignature(src, subject, ".att");
    ImageManifest bundle = LayoutFixtures.referrer(src, subject, "bundle");
    ImageManifest onBundle = LayoutFixtures.referrer(src, bundle.manifest().descriptor(), "signature of bundle");
    ImageIndex fallback = ImageIndex.builder().add(bundle.manifest().descriptor().toBuilder()
        .artifactType(MediaTypes.SIGSTORE_BUNDLE_V03).build()).build();
    String fallbackTag = "sha256-" + subject.digest().hex();
    src.putManifest(fallback.manifest(), fallbackTag);

    OciLayout dst = OciLayout.create(tmp.resolve("dst"));
    ImageCopy.Result r = ImageCopy.withSignatures().copy(src, "v1", dst, null);
    assertEquals(subject, r.descriptor());
    assertEquals(List.of(bundle.manifest().digest()), src.referrers(subject.digest(), null).stream().map(Descriptor::digest).toList());
    assertEquals(List.of(onBundle.manifest().digest()), src.referrers(bundle.manifest().digest(), null).stream().map(Descriptor::digest).toList());
    assertEquals(6, r.manifests());
    assertEquals(List.of(fallbackTag, fallbackTag + ".att", fallbackTag + ".sig", "v1"), dst.tags());
    assertEquals(image.manifest(), dst.manifest("v1").orElseThrow());
    assertEquals(sig.manifest(), dst.manifest(fallbackTag + ".sig").orElseThrow());
    assertEquals(att.manifest(), dst.manifest(fallbackTag + ".att").orElseThrow());
    assertEquals(fallback.manifest(), dst.manifest(fallbackTag).orElseThrow());
    assertEquals(List.of(bundle.manifest().digest()),
        dst.referrers(subject.digest(), null).stream().map(Descriptor::digest).toList());
    assertEquals(List.of(onBundle.manifest().digest()),
        dst.referrers(bundle.manifest().digest(), null).stream().map(Descriptor::digest).toList());
    for (ImageManifest m : List.of(image, sig, att, bundle)) {
      assertTrue(dst.hasBlob(m.config().digest()));
      m.layers().forEach(l -> assertTrue(dst.hasBlob(l.digest())));
    }

    // again: everything is there, nothing is uploaded
    ImageCopy.Result again = ImageCopy.withSignatures().copy(src, "v1", dst, "v1-copy");
    assertEquals(0, again.blobsCopied());
    assertTrue(again.blobsSkipped() > 0);
    assertEquals(subject.digest(), dst.resolve("v1-copy").orElseThrow().digest());
  }

  @Test
  void withoutSignaturesCopiesOnlyTheImage() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest image = LayoutFixtures.image(src, "app", "v1");
    LayoutFixtures.legacySignature(src, image.manifest().descriptor(), ".sig");
    LayoutFixtures.referrer(src, image.manifest().descriptor(), "bundle");
    OciLayout dst = OciLayout.create(tmp.resolve("dst"));
    ImageCopy.withoutSignatures().copy(src, image.manifest().digest().toString(), dst, "copied");
    assertEquals(List.of("copied"), dst.tags());
    assertTrue(dst.referrers(image.manifest().digest(), null).isEmpty());
  }

  @Test
  void copiesAnIndexWithItsPlatformManifestsAndMergesFallbackIndexes() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest amd = LayoutFixtures.image(src, "amd64", null);
    ImageManifest arm = LayoutFixtures.image(src, "arm64", null);
    ImageIndex index = ImageIndex.builder().add(amd.manifest().descriptor(), Platform.of("linux", "amd64"))
        .add(arm.manifest().descriptor(), Platform.of("linux", "arm64")).build();
    src.putManifest(index.manifest(), "multi");
    ImageManifest srcRef = LayoutFixtures.referrer(src, index.manifest().descriptor(), "src");
    String tag = "sha256-" + index.manifest().digest().hex();
    src.putManifest(ImageIndex.builder().add(srcRef.manifest().descriptor()).build().manifest(), tag);

    OciLayout dst = OciLayout.create(tmp.resolve("dst"));
    ImageManifest dstRef = LayoutFixtures.referrer(dst, index.manifest().descriptor(), "dst");
    dst.putManifest(ImageIndex.builder().add(dstRef.manifest().descriptor()).build().manifest(), tag);

    ImageCopy.withSignatures().copy(src, "multi", dst, null);
    assertEquals(index.manifest(), dst.manifest("multi").orElseThrow());
    assertEquals(amd.manifest(), dst.manifest(amd.manifest().digest().toString()).orElseThrow());
    assertEquals(arm.manifest(), dst.manifest(arm.manifest().digest().toString()).orElseThrow());
    ImageIndex merged = ImageIndex.parse(dst.manifest(tag).orElseThrow());
    assertEquals(List.of(dstRef.manifest().digest(), srcRef.manifest().digest()),
        merged.manifests().stream().map(e -> e.descriptor().digest()).toList());
  }

  @Test
  void aSourceBlobThatDoesNotMatchItsDigestFailsTheCopy() throws IOException {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    ImageManifest image = LayoutFixtures.image(src, "app", "v1");
    Descriptor layer = image.layers().get(0);
    Path file = src.path().resolve("blobs/sha256/" + layer.digest().hex());
    byte[] tampered = Files.readAllBytes(file);
    tampered[0] ^= 1;
    Files.write(file, tampered);
    OciLayout dst = OciLayout.create(tmp.resolve("dst"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ImageCopy.withSignatures().copy(src, "v1", dst, null));
    assertTrue(e.getMessage().contains("does not match its digest") && e.getMessage().contains(
        layer.digest().toString()), e.getMessage());
    assertFalse(dst.hasBlob(layer.digest()));
    assertTrue(dst.tags().isEmpty());
  }

  @Test
  void aMissingReferenceFailsClearly() {
    OciLayout src = OciLayout.create(tmp.resolve("src"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ImageCopy.withSignatures().copy(src, "nope", OciLayout.create(tmp.resolve("dst")), null));
    assertTrue(e.getMessage().contains("nope is not in oci:"), e.getMessage());
    assertEquals(2, bytes("{}").length);
  }
}
