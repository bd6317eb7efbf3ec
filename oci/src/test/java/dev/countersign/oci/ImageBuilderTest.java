package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.LayoutPeers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {
  static final String LONG_DIR = "d".repeat(120);
  static final String LONG_NAME = "n".repeat(140) + ".txt";

  @TempDir Path tmp;

  /** A source tree: app/run.sh (executable), app/data/a.txt, a long path, a non-ASCII name, a symlink. */
  static Path sources(Path dir, long mtimeMillis) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("data/" + LONG_DIR));
    Files.writeString(src.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(src.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(src.resolve("data/a.txt"), "alpha\n");
    Files.writeString(src.resolve("data/" + LONG_DIR + "/" + LONG_NAME), "long\n");
    Files.writeString(src.resolve("data/grüße.txt"), "umlaut\n");
    Files.createSymbolicLink(src.resolve("data/link"), Path.of("a.txt"));
    try (var walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeMillis));
        }
      }
    }
    return src;
  }

  static ImageBuilder builder(Path src) {
    return ImageBuilder.create().addFile(src.resolve("run.sh"), "/app/run.sh")
        .nextLayer().addDirectory(src.resolve("data"), "/app/data")
        .addContent("k=v\n".getBytes(StandardCharsets.UTF_8), "/etc/app.conf", 0600)
        .entrypoint("/app/run.sh").cmd("--flag").env("A", "1").env("B", "x=y").label("org.example", "yes")
        .workingDir("/app").annotation("org.opencontainers.image.title", "demo");
  }

  @Test
  void sameInputsGiveTheSameDigestsRegardlessOfSourceMtimes() throws IOException {
    Path one = Files.createDirectories(tmp.resolve("one"));
    Path two = Files.createDirectories(tmp.resolve("two"));
    ImageManifest a = builder(sources(one, 1_000_000_000L)).build(OciLayout.create(one.resolve("layout")), "v1");
    ImageManifest b = builder(sources(two, 1_600_000_000_000L)).build(OciLayout.create(two.resolve("layout")), "v1");
    assertEquals(a.manifest().digest(), b.manifest().digest());
    assertArrayEquals(a.manifest().bytes(), b.manifest().bytes());
    assertEquals(2, a.layers().size());
    assertEquals(MediaTypes.OCI_LAYER_GZIP, a.layers().get(0).mediaType());

    ImageManifest later = builder(sources(Files.createDirectories(tmp.resolve("three")), 0))
        .timestamp(Instant.parse("2024-01-02T03:04:05.678Z")).build(OciLayout.create(tmp.resolve("l3")), "v1");
    assertNotEquals(a.manifest().digest(), later.manifest().digest());
  }

  @Test
  void configDescribesTheImageAndDiffIdsAreUncompressedDigests() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    ImageManifest m = builder(sources(tmp, 0)).build(layout, "v1");
    JsonNode config;
    try (InputStream in = layout.openBlob(m.config())) {
      config = new ObjectMapper().readTree(in.readAllBytes());
    }
    assertEquals("amd64", config.get("architecture").asText());
    assertEquals("linux", config.get("os").asText());
    assertEquals("1970-01-01T00:00:00Z", config.get("created").asText());
    assertEquals("[\"/app/run.sh\"]", config.get("config").get("Entrypoint").toString());
    assertEquals("[\"--flag\"]", config.get("config").get("Cmd").toString());
    assertEquals("[\"A=1\",\"B=x=y\"]", config.get("config").get("Env").toString());
    assertEquals("yes", config.get("config").get("Labels").get("org.example").asText());
    assertEquals("/app", config.get("config").get("WorkingDir").asText());
    assertEquals(2, config.get("history").size());
    for (int i = 0; i < m.layers().size(); i++) {
      Digest uncompressed;
      try (InputStream in = new GZIPInputStream(layout.openBlob(m.layers().get(i)))) {
        uncompressed = Digest.compute(DigestAlgorithm.SHA256, in);
      }
      assertEquals(uncompressed.toString(), config.get("rootfs").get("diff_ids").get(i).asText());
    }
    assertEquals("demo", m.annotations().get("org.opencontainers.image.title"));
  }

  @Test
  void tarEntriesAreSortedOwnedByRootWithFixedModesAndMtime() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    ImageManifest m = builder(sources(tmp, 0)).timestamp(Instant.parse("2001-09-09T01:46:40Z"))
        .build(layout, "v1");
    Path blob = layout.path().resolve("blobs/sha256/" + m.layers().get(1).digest().hex());
    String listing = LayoutPeers.run("tar", "--numeric-owner", "--full-time", "-tvzf", blob.toString());
    String[] lines = listing.strip().split("\n");
    String[] expectedOrder = {"app/", "app/data/", "app/data/a.txt", "app/data/" + LONG_DIR + "/",
        "app/data/" + LONG_DIR + "/" + LONG_NAME, "app/data/grüße.txt", "app/data/link -> a.txt",
        "etc/", "etc/app.conf"};
    assertEquals(expectedOrder.length, lines.length, listing);
    for (int i = 0; i < lines.length; i++) {
      assertTrue(lines[i].endsWith(" " + expectedOrder[i]), lines[i] + " vs " + expectedOrder[i]);
      assertTrue(lines[i].contains(" 0/0 "), lines[i]);
      assertTrue(lines[i].contains("2001-09-09 01:46:40"), lines[i]);
    }
    assertTrue(lines[0].startsWith("drwxr-xr-x"), lines[0]);
    assertTrue(lines[2].startsWith("-rw-r--r--"), lines[2]);
    assertTrue(lines[6].startsWith("lrwxrwxrwx"), lines[6]);
    assertTrue(lines[8].startsWith("-rw-------"), lines[8]);
    String first = LayoutPeers.run("tar", "--numeric-owner", "-tvzf",
        layout.path().resolve("blobs/sha256/" + m.layers().get(0).digest().hex()).toString());
    assertTrue(first.contains("-rwxr-xr-x 0/0") && first.endsWith(" app/run.sh\n"), first);
  }

  @Test
  void uncompressedLayersHaveTheirDiffIdAsDigest() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    ImageManifest m = ImageBuilder.create().gzip(false).addContent(new byte[] {1, 2, 3}, "/x", 0644)
        .build(layout, null);
    assertEquals(MediaTypes.OCI_LAYER, m.layers().get(0).mediaType());
    try (InputStream in = layout.openBlob(m.config())) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .contains("\"diff_ids\":[\"" + m.layers().get(0).digest() + "\"]"));
    }
    assertTrue(layout.tags().isEmpty());
    assertTrue(layout.resolve(m.manifest().digest().toString()).isPresent());
  }

  @Test
  void refusesBadTargets() {
    ImageBuilder b = ImageBuilder.create();
    assertThrows(InvalidInputException.class, () -> b.addContent(new byte[0], "/a/../etc/passwd", 0644));
    assertThrows(InvalidInputException.class, () -> b.addContent(new byte[0], "/", 0644));
    b.addContent(new byte[0], "/a", 0644);
    assertThrows(InvalidInputException.class, () -> b.addContent(new byte[0], "/a", 0644));
    assertThrows(InvalidInputException.class, () -> b.addContent(new byte[0], "/a/b", 0644));
    assertThrows(InvalidInputException.class, () -> b.addFile(tmp.resolve("missing"), "/m"));
    assertThrows(InvalidInputException.class, () -> b.timestamp(Instant.parse("1969-12-31T23:59:59Z")));
  }
}
