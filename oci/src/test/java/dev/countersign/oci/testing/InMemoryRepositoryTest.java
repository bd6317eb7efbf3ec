package dev.countersign.oci.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test repository must be as strict as a registry, or the signature tests prove less than they claim. */
class InMemoryRepositoryTest {
  final InMemoryRepository repo = new InMemoryRepository("r/app");

  @Test
  void pushesAreCheckedAgainstTheirDigestAndSize() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    Digest d = InMemoryRepository.sha256(data);
    assertThrows(RegistryException.class, () -> repo.pushBlob("x/y", d, 4, new ByteArrayInputStream(data)));
    assertThrows(RegistryException.class, () -> repo.pushBlob("x/y", InMemoryRepository.sha256(new byte[1]), 3,
        new ByteArrayInputStream(data)));
    assertEquals(d, repo.pushBlob("x/y", data).digest());
  }

  @Test
  void readsFailAtTheEndWhenTheStoredBytesDoNotMatch() throws IOException {
    Descriptor d = repo.pushBlob("x/y", "abc".getBytes(StandardCharsets.UTF_8));
    try (InputStream in = repo.openBlob(d)) {
      assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
    }
    repo.corruptBlob(d.digest(), "abd".getBytes(StandardCharsets.UTF_8));
    try (InputStream in = repo.openBlob(d)) {
      assertThrows(IOException.class, in::readAllBytes);
    }
    assertThrows(RegistryException.class, () -> repo.openBlob(Descriptor.of("x/y",
        InMemoryRepository.sha256(new byte[0]), 0)));
  }

  @Test
  void manifestsMayOnlyReferenceExistingBlobsAndTagsFollowTheGrammar() {
    Descriptor image = InMemoryImages.image(repo, "v1");
    String dangling = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
        + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + InMemoryRepository.sha256(new byte[3])
        + "\",\"size\":3},\"layers\":[]}";
    assertThrows(RegistryException.class, () -> repo.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST,
        dangling.getBytes(StandardCharsets.UTF_8)), "x"));
    assertThrows(RegistryException.class, () -> repo.resolve("-bad"));
    assertThrows(RegistryException.class, () -> repo.putManifest(repo.manifest("v1").get(), "t".repeat(129)));
    assertEquals(image, repo.resolve(image.digest().toString()).get());
  }

  @Test
  void referrersFromTheApiOrTheFallbackIndex() {
    Descriptor image = InMemoryImages.image(repo, "v1");
    Descriptor empty = repo.pushBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.US_ASCII));
    String m = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"a/b\","
        + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + empty.digest()
        + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\"" + image.mediaType() + "\",\"digest\":\""
        + image.digest() + "\",\"size\":" + image.size() + "}}";
    Manifest referrer = Manifest.of(MediaTypes.OCI_MANIFEST, m.getBytes(StandardCharsets.UTF_8));
    repo.putManifest(referrer, null);
    assertEquals("a/b", repo.referrers(image.digest(), null).get(0).artifactType().get());
    assertTrue(repo.referrers(image.digest(), "c/d").isEmpty());
    repo.referrersMode(InMemoryRepository.ReferrersMode.FALLBACK_UNMAINTAINED);
    assertTrue(repo.referrers(image.digest(), null).isEmpty());
    repo.referrersMode(InMemoryRepository.ReferrersMode.FALLBACK_MAINTAINED);
    repo.putManifest(referrer, null);
    assertEquals(referrer.digest(), repo.referrers(image.digest(), "a/b").get(0).digest());
    assertTrue(repo.tags().contains("sha256-" + image.digest().hex()));
  }
}
