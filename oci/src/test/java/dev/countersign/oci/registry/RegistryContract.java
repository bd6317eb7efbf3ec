package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Referrers;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.testing.ContractRegistry;
import dev.countersign.oci.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client's contract, run against the real docker-registry ({@link RegistryIntegrationTest}) and the
 * in-process TestRegistry with and without the referrers API ({@link TestRegistryIntegrationTest},
 * {@link TestRegistryWithoutReferrersTest}), anonymous. Where the registries legitimately differ the expectation
 * is stated per registry through {@link ContractRegistry}.
 */
abstract class RegistryContract {
  private Registry registry;

  /** The registry under test; started by the subclass. */
  abstract ContractRegistry target();

  @BeforeEach
  void client() {
    registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private RegistryRepository repo(String name) {
    return registry.repository(target().reference(name));
  }

  @Test
  void smallBlobMonolithicRoundTrip() throws IOException {
    RegistryRepository repo = repo("blobs/small");
    byte[] data = "hello registry".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.compute(DigestAlgorithm.SHA256, data);
    assertFalse(repo.hasBlob(d));
    long before = registry.requestCount();
    Descriptor desc = repo.pushBlob("application/octet-stream", data);
    // HEAD (absent), POST, PUT
    assertEquals(3, registry.requestCount() - before);
    assertEquals(d, desc.digest());
    assertTrue(repo.hasBlob(d));
    try (InputStream in = repo.openBlob(desc)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    before = registry.requestCount();
    repo.pushBlob("application/octet-stream", data);
    assertEquals(1, registry.requestCount() - before, "an existing blob is not uploaded again");
  }

  @Test
  void streamedUploadOf64MiBIsOnePatch() throws IOException {
    long size = 64L << 20;
    Digest d = Digest.compute(DigestAlgorithm.SHA256, TestImages.generated(size, 43));
    RegistryRepository repo = repo("blobs/streamed");
    long before = registry.requestCount();
    Descriptor desc = repo.pushBlob("application/octet-stream", d, size, TestImages.generated(size, 43));
    // HEAD, POST, one streamed PATCH (Content-Range 0-(size-1)), PUT ?digest=
    assertEquals(4, registry.requestCount() - before);
    try (InputStream in = repo.openBlob(desc)) {
      assertEquals(d, Digest.compute(DigestAlgorithm.SHA256, in));
    }
    Digest other = Digest.compute(DigestAlgorithm.SHA256, new byte[] {1});
    InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> repo.pushBlob(
        "application/octet-stream", other, size, TestImages.generated(size, 43)));
    assertTrue(wrong.getMessage().contains("does not match its digest"), wrong.getMessage());
    assertFalse(repo.hasBlob(other));
    InvalidInputException shortContent = assertThrows(InvalidInputException.class, () -> repo.pushBlob(
        "application/octet-stream", other, size, TestImages.generated(size - 10, 43)));
    assertTrue(shortContent.getMessage().contains("ended after"), shortContent.getMessage());
    InvalidInputException longContent = assertThrows(InvalidInputException.class, () -> repo.pushBlob(
        "application/octet-stream", other, size, TestImages.generated(size + 1, 43)));
    assertTrue(longContent.getMessage().contains("longer"), longContent.getMessage());
  }

  @Test
  void chunkedUploadOf64MiBStream() throws IOException {
    long size = 64L << 20;
    Digest d = Digest.compute(DigestAlgorithm.SHA256, TestImages.generated(size, 42));
    try (Registry chunked = Registry.builder().credentials(CredentialsProvider.anonymous())
        .uploadChunkSize(8 << 20).chunkedUploads(true).build()) {
      RegistryRepository repo = chunked.repository(target().reference("blobs/big"));
      long before = chunked.requestCount();
      Descriptor desc = repo.pushBlob("application/octet-stream", d, size, TestImages.generated(size, 42));
      // HEAD, POST, 8 PATCH, PUT
      assertEquals(11, chunked.requestCount() - before);
      assertTrue(repo.hasBlob(d));
      try (InputStream in = repo.openBlob(desc)) {
        assertEquals(d, Digest.compute(DigestAlgorithm.SHA256, in));
      }
    }
  }

  @Test
  void uploadWithWrongDigestIsRefusedAndLeavesNoBlob() {
    RegistryRepository repo = repo("blobs/wrong");
    byte[] data = "actual".getBytes(StandardCharsets.UTF_8);
    Digest claimed = Digest.compute(DigestAlgorithm.SHA256, "claimed".getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> repo.pushBlob("application/octet-stream", claimed, data.length, new ByteArrayInputStream(data)));
    assertTrue(e.getMessage().contains(claimed.toString()), e.getMessage());
    assertFalse(repo.hasBlob(claimed));
    assertThrows(InvalidInputException.class,
        () -> repo.pushBlob("application/octet-stream", claimed, 100, new ByteArrayInputStream(data)));
  }

  @Test
  void blobReadVerifiesAgainstDescriptor() {
    RegistryRepository repo = repo("blobs/verify");
    Descriptor real = repo.pushBlob("application/octet-stream", "abc".getBytes(StandardCharsets.UTF_8));
    Descriptor wrongSize = Descriptor.of(real.mediaType(), real.digest(), 4);
    assertThrows(InvalidInputException.class, () -> repo.openBlob(wrongSize).readAllBytes());
    RegistryException missing = assertThrows(RegistryException.class, () -> repo.openBlob(
        Descriptor.of("x/y", Digest.compute(DigestAlgorithm.SHA256, new byte[] {9}), 1)));
    assertEquals(404, missing.status());
    assertEquals("BLOB_UNKNOWN", missing.errorCode());
  }

  @Test
  void manifestsByTagAndDigestResolveGetDelete() {
    RegistryRepository repo = repo("images/app");
    Manifest m = TestImages.pushImageBlobs(repo);
    Descriptor pushed = repo.putManifest(m, "v1");
    assertEquals(m.descriptor(), pushed);
    assertEquals(Optional.of(m.descriptor()), repo.resolve("v1"));
    assertEquals(Optional.of(m.descriptor()), repo.resolve(m.digest().toString()));
    assertEquals(m, repo.manifest("v1").orElseThrow());
    assertArrayEquals(m.bytes(), repo.manifest(m.digest().toString()).orElseThrow().bytes());

    Manifest byDigest = TestImages.pushImageBlobs(repo, Map.of("k", "v"));
    repo.putManifest(byDigest, null);
    assertEquals(Optional.of(byDigest.descriptor()), repo.resolve(byDigest.digest().toString()));
    assertEquals(byDigest, repo.manifest(byDigest.digest().toString()).orElseThrow());

    Manifest dangling = TestImages.manifest(m.descriptor(), List.of(), null, null, null);
    RegistryException e = assertThrows(RegistryException.class, () -> repo.putManifest(dangling, null));
    assertEquals(400, e.status());
    assertEquals("MANIFEST_BLOB_UNKNOWN", e.errorCode());

    repo.deleteManifest(m.digest());
    assertEquals(Optional.empty(), repo.manifest(m.digest().toString()));
    assertEquals(Optional.empty(), repo.resolve(m.digest().toString()));
    assertEquals(Optional.empty(), repo.manifest("v1"));
    repo.deleteManifest(m.digest());
    assertEquals(Optional.empty(), repo("images/none").manifest("latest"));
    assertThrows(InvalidInputException.class, () -> repo.manifest("bad tag"));
  }

  @Test
  void tagsArePagedAndSorted() {
    RegistryRepository repo = repo("images/tags");
    Manifest m = TestImages.pushImageBlobs(repo);
    List<String> expected = new ArrayList<>(List.of("v5", "a", "v1", "latest", "b-2"));
    for (String t : expected) {
      repo.putManifest(m, t);
    }
    expected.sort(null);
    long before = registry.requestCount();
    assertEquals(expected, repo.tags(2));
    // distribution 2.8.2 ignores n for tags (it pages only _catalog) and answers unsorted: one request, sorted here.
    // TestRegistry honours n: pages [a, b-2], [latest, v1], [v5] through Link headers
    assertEquals(target().pagesTags() ? 3 : 1, registry.requestCount() - before);
    assertEquals(expected, repo.tags());
    assertEquals(List.of(), repo("images/no-such-repo").tags());
  }

  @Test
  void mountBetweenRepositories() {
    RegistryRepository a = repo("mount/a");
    RegistryRepository b = repo("mount/b");
    Descriptor d = a.pushBlob("application/octet-stream", "shared layer".getBytes(StandardCharsets.UTF_8));
    assertFalse(b.hasBlob(d.digest()));
    assertTrue(b.mountBlob(d.digest(), "mount/a"));
    assertTrue(b.hasBlob(d.digest()));
    Digest absent = Digest.compute(DigestAlgorithm.SHA256, "absent".getBytes(StandardCharsets.UTF_8));
    assertFalse(b.mountBlob(absent, "mount/a"));
    assertFalse(b.hasBlob(absent));
  }

  @Test
  void referrersAreListedThroughTheApiOrTheTagSchema() {
    RegistryRepository repo = repo("refs/app");
    Manifest subject = TestImages.pushImageBlobs(repo);
    repo.putManifest(subject, "v1");
    assertEquals(List.of(), repo.referrers(subject.digest(), null));

    Manifest sig = TestImages.referrer(repo, subject.descriptor(), "application/vnd.test.sig", "s1",
        Map.of("created", "now"));
    Manifest att = TestImages.referrer(repo, subject.descriptor(), "application/vnd.test.att", "a1", null);
    repo.putManifest(sig, null);
    repo.putManifest(att, null);
    repo.putManifest(sig, null);

    List<Descriptor> all = repo.referrers(subject.digest(), null);
    assertEquals(List.of(sig.digest(), att.digest()), all.stream().map(Descriptor::digest).toList());
    assertEquals(Optional.of("application/vnd.test.sig"), all.get(0).artifactType());
    assertEquals(Map.of("created", "now"), all.get(0).annotations());
    List<Descriptor> sigs = repo.referrers(subject.digest(), "application/vnd.test.sig");
    assertEquals(List.of(sig.digest()), sigs.stream().map(Descriptor::digest).toList());
    assertEquals(List.of(), repo.referrers(subject.digest(), "application/vnd.other"));

    String tag = Referrers.fallbackTag(subject.digest());
    assertEquals("sha256-" + subject.digest().hex(), tag);
    if (target().referrersApi()) {
      // the registry confirmed each subject with OCI-Subject: no fallback index is written
      assertEquals(Optional.empty(), repo.manifest(tag));
      assertEquals(List.of(), Referrers.fromFallbackIndex(repo, subject.digest(), null));
      return;
    }
    Manifest index = repo.manifest(tag).orElseThrow();
    assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
    assertEquals(all, Referrers.fromFallbackIndex(repo, subject.digest(), null));
    Referrers.addToFallbackIndex(repo, att);
    assertEquals(index, repo.manifest(tag).orElseThrow(), "adding a listed referrer again changes nothing");
  }

  @Test
  void requestsAreCounted() {
    RegistryRepository repo = repo("count/app");
    long before = registry.requestCount();
    repo.manifest("latest");
    repo.resolve("latest");
    assertEquals(2, registry.requestCount() - before);
  }
}
