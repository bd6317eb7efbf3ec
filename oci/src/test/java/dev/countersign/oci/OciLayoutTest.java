package dev.countersign.oci;

import static dev.countersign.oci.testing.LayoutFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.LayoutFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;

  @Test
  void createWritesSpecFilesAndOpenReadsThem() throws IOException {
    OciLayout layout = OciLayout.create(dir.resolve("l"));
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("l/oci-layout")));
    assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
        Files.readString(dir.resolve("l/index.json")));
    assertTrue(Files.isDirectory(dir.resolve("l/blobs/sha256")));
    assertEquals("oci:" + dir.resolve("l"), layout.name());
    assertEquals(List.of(), OciLayout.open(dir.resolve("l")).tags());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OciLayout.open(dir));
    assertTrue(e.getMessage().contains("no oci-layout file"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> OciLayout.create(dir));
    assertTrue(e.getMessage().contains("non-empty directory"), e.getMessage());
  }

  @Test
  void tagsResolveAndRetaggingReplacesTheEntry() throws IOException {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest a = LayoutFixtures.image(layout, "a", "v1");
    ImageManifest b = LayoutFixtures.image(layout, "b", "v1");
    LayoutFixtures.image(layout, "c", "v2");
    assertEquals(List.of("v1", "v2"), layout.tags());
    assertEquals(b.manifest().digest(), layout.resolve("v1").orElseThrow().digest());
    assertEquals(b.manifest(), layout.manifest("v1").orElseThrow());
    assertTrue(layout.resolve("v3").isEmpty());
    // a's manifest stays a blob reachable by digest, no longer listed
    assertEquals(a.manifest(), layout.manifest(a.manifest().digest().toString()).orElseThrow());
    String index = Files.readString(dir.resolve("index.json"));
    assertEquals(2, index.split("org.opencontainers.image.ref.name").length - 1, index);
  }

  @Test
  void untaggedManifestsAreListedOnceAndTaggingReplacesTheUntaggedEntry() {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest m = LayoutFixtures.image(layout, "x", null);
    layout.putManifest(m.manifest(), null);
    LayoutSnapshotView view = new LayoutSnapshotView(dir);
    assertEquals(1, view.entries());
    layout.putManifest(m.manifest(), "t");
    assertEquals(1, view.entries());
    assertEquals(List.of("t"), layout.tags());
  }

  @Test
  void blobsAreVerifiedOnWriteAndTheTempFileIsRemoved() throws IOException {
    OciLayout layout = OciLayout.create(dir);
    byte[] data = bytes("hello");
    Digest good = Digest.compute(DigestAlgorithm.SHA256, data);
    Digest wrong = Digest.compute(DigestAlgorithm.SHA256, bytes("other"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> layout.pushBlob("x/y", wrong, data.length, new ByteArrayInputStream(data)));
    assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> layout.pushBlob("x/y", good, 3, new ByteArrayInputStream(data)));
    assertTrue(e.getMessage().contains("larger than its declared size"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> layout.pushBlob("x/y", good, 9, new ByteArrayInputStream(data)));
    assertTrue(e.getMessage().contains("has 5 bytes, expected 9"), e.getMessage());
    try (Stream<Path> files = Files.list(dir.resolve("blobs/sha256"))) {
      assertEquals(0, files.count());
    }
    assertFalse(layout.hasBlob(good));
    Descriptor d = layout.pushBlob("x/y", data);
    assertTrue(layout.hasBlob(good));
    try (InputStream in = layout.openBlob(d)) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void openBlobFailsWhenTheFileWasTamperedWith() throws IOException {
    OciLayout layout = OciLayout.create(dir);
    Descriptor d = layout.pushBlob("x/y", bytes("hello"));
    Files.writeString(layout.path().resolve("blobs/sha256/" + d.digest().hex()), "jello");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
      try (InputStream in = layout.openBlob(d)) {
        in.readAllBytes();
      }
    });
    assertTrue(e.getMessage().contains("does not match its digest"), e.getMessage());
    Files.writeString(layout.path().resolve("blobs/sha256/" + d.digest().hex()), "hello!");
    e = assertThrows(InvalidInputException.class, () -> layout.openBlob(d));
    assertTrue(e.getMessage().contains("has 6 bytes, expected 5"), e.getMessage());
  }

  @Test
  void referrersComeFromSubjectsAndFromTheFallbackIndex() {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest image = LayoutFixtures.image(layout, "img", "v1");
    Descriptor subject = image.manifest().descriptor();
    ImageManifest listed = LayoutFixtures.referrer(layout, subject, "one");
    // a referrer known only through the fallback tag: stored as a blob, listed by the sha256-<hex> index
    ImageManifest viaTag = ImageManifest.builder().artifactType("application/example").config(
        layout.pushBlob(MediaTypes.OCI_EMPTY, bytes("{}"))).subject(subject).build();
    layout.pushBlob(viaTag.mediaType(), viaTag.manifest().bytes());
    // the fallback index claims a wrong artifact type; the manifest itself is what counts
    ImageIndex fallback = ImageIndex.builder().add(viaTag.manifest().descriptor().toBuilder()
        .artifactType("application/wrong").build()).build();
    layout.putManifest(fallback.manifest(), "sha256-" + subject.digest().hex());
    LayoutFixtures.referrer(layout, LayoutFixtures.image(layout, "other", null).manifest().descriptor(), "two");

    List<Descriptor> all = layout.referrers(subject.digest(), null);
    assertEquals(2, all.size(), all.toString());
    assertEquals(listed.manifest().digest(), all.get(0).digest());
    assertEquals(MediaTypes.SIGSTORE_BUNDLE_V03, all.get(0).artifactType().orElseThrow());
    assertEquals("dsse-envelope", all.get(0).annotations().get("dev.sigstore.bundle.content"));
    assertEquals(viaTag.manifest().digest(), all.get(1).digest());
    assertEquals("application/example", all.get(1).artifactType().orElseThrow());
    assertEquals(List.of(viaTag.manifest().digest()),
        layout.referrers(subject.digest(), "application/example").stream().map(Descriptor::digest).toList());
    assertTrue(layout.referrers(subject.digest(), "application/wrong").isEmpty());
  }

  @Test
  void deleteRemovesEntriesAndBlob() {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest m = LayoutFixtures.image(layout, "d", "v1");
    layout.deleteManifest(m.manifest().digest());
    assertTrue(layout.tags().isEmpty());
    assertFalse(layout.hasBlob(m.manifest().digest()));
    assertThrows(InvalidInputException.class, () -> layout.deleteManifest(m.manifest().digest()));
  }

  @Test
  void concurrentWritersFromTwoInstancesLoseNoTag() throws Exception {
    OciLayout.create(dir);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(pool.submit(() -> LayoutFixtures.image(OciLayout.open(dir), "c" + n, "t" + n)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(40, OciLayout.open(dir).tags().size());
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".index.json.tmp")));
    }
  }

  @Test
  void concurrentWritersInTwoProcessesLoseNoTag() throws Exception {
    OciLayout.create(dir);
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "dev.countersign.oci.testing.TagWriterMain", dir.toString(), "child",
        "30").inheritIO().start();
    OciLayout layout = OciLayout.open(dir);
    for (int i = 0; i < 30; i++) {
      LayoutFixtures.image(layout, "parent" + i, "parent" + i);
    }
    assertEquals(0, child.waitFor());
    assertEquals(60, layout.tags().size());
  }

  @Test
  void largeIndexIsHandledLinearly() throws IOException {
    OciLayout layout = OciLayout.create(dir);
    ImageIndex.Builder big = ImageIndex.builder();
    int n = 18_000;
    for (int i = 0; i < n; i++) {
      Digest d = Digest.compute(DigestAlgorithm.SHA256, bytes("m" + i));
      big.add(Descriptor.builder().mediaType(MediaTypes.OCI_MANIFEST).digest(d).size(100)
          .annotations(java.util.Map.of(OciLayout.REF_NAME, "t" + i)).build());
    }
    Files.write(dir.resolve("index.json"), big.build().manifest().bytes());
    long start = System.nanoTime();
    assertEquals(n, layout.tags().size());
    assertTrue(layout.resolve("t17999").isPresent());
    LayoutFixtures.image(layout, "new", "t0");
    assertEquals(n, layout.tags().size());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 10_000, "18k entries took " + millis + " ms");
  }

  /** Counts index.json entries straight from the file. */
  private static final class LayoutSnapshotView {
    private final Path dir;

    LayoutSnapshotView(Path dir) {
      this.dir = dir;
    }

    int entries() {
      try {
        return ImageIndex.parse(Manifest.of(MediaTypes.OCI_INDEX, Files.readAllBytes(dir.resolve("index.json"))))
            .manifests().size();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
