package dev.countersign.sbom.internal.lang;

import static dev.countersign.sbom.internal.lang.Fixtures.pomPath;
import static dev.countersign.sbom.internal.lang.Fixtures.pomProperties;
import static dev.countersign.sbom.internal.lang.Fixtures.purls;
import static dev.countersign.sbom.internal.lang.Fixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip bombs, entry floods and failing streams: warnings, bounded work, the rest still produced. */
class JavaArchiveBombTest {
  private static final long GIB = 1L << 30;

  @TempDir Path temp;
  private final RecordingContext ctx = new RecordingContext();

  /** A jar with pom.properties, then one entry of 1 GiB zeros (deflated to about 1 MiB), then another pom. */
  private Path bombJar() throws IOException {
    Path file = temp.resolve("bomb-1.0.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(new ZipEntry(pomPath("evil", "bomb")));
      zip.write(pomProperties("evil", "bomb", "1.0"));
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] chunk = new byte[1 << 20];
      for (long written = 0; written < GIB; written += chunk.length) {
        zip.write(chunk);
      }
      zip.putNextEntry(new ZipEntry(pomPath("evil", "after")));
      zip.write(pomProperties("evil", "after", "1.0"));
      zip.closeEntry();
    }
    return file;
  }

  @Test
  void gibibyteOfZerosStopsAtTheEntryBoundAndKeepsWhatCameBefore() throws Exception {
    Path bomb = bombJar();
    assertTrue(Files.size(bomb) < 16L << 20, "deflated bomb is small: " + Files.size(bomb));
    ArchiveLimits limits = ArchiveLimits.of(4, 64L << 20);
    List<Component> found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (InputStream in = Files.newInputStream(bomb)) {
        return new JavaArchiveScanner(limits, ctx).scan("opt/bomb-1.0.jar", in);
      }
    });
    assertEquals(List.of("pkg:maven/evil/bomb@1.0"), purls(found));
    assertEquals(List.of("opt/bomb-1.0.jar: opt/bomb-1.0.jar!/zeros.bin exceeds 67108864 uncompressed bytes; "
        + "the rest of the archive was not read"), ctx.warnings);
    // the hash still covers the whole file: the raw stream is drained without inflating
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(bomb), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertEquals(HexFormat.of().formatHex(sha.digest()), sha256(found.get(0)));
  }

  @Test
  void archiveByteBoundCountsNestedArchivesToo() {
    byte[] block = new byte[600 * 1024];
    byte[] inner = Fixtures.zip(pomPath("g", "inner"), pomProperties("g", "inner", "1"), "a.bin", block,
        "b.bin", block);
    byte[] outer = Fixtures.zip(pomPath("g", "outer"), pomProperties("g", "outer", "1"),
        "lib/one.jar", inner, "lib/two.jar", inner);
    ArchiveLimits limits = new ArchiveLimits(4, 2 << 20, 3L << 20, 1000);
    List<Component> found = new JavaArchiveScanner(limits, ctx).scan("o.jar", new ByteArrayInputStream(outer));
    // one.jar was read whole before the bound; reading two.jar crossed it
    assertEquals(List.of("pkg:maven/g/inner@1", "pkg:maven/g/outer@1"), purls(found));
    assertEquals(1, ctx.warnings.size(), ctx.warnings.toString());
    assertTrue(ctx.warnings.get(0).contains("more than 3145728 uncompressed bytes in the archive"),
        ctx.warnings.toString());
  }

  @Test
  void entryFloodStopsAtTheEntryBound() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(pomPath("g", "flood")));
      zip.write(pomProperties("g", "flood", "2"));
      for (int i = 0; i < 5000; i++) {
        zip.putNextEntry(new ZipEntry("e/" + i));
      }
    }
    ArchiveLimits limits = new ArchiveLimits(4, 1 << 20, 1 << 30, 1000);
    List<Component> found =
        new JavaArchiveScanner(limits, ctx).scan("f.jar", new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(List.of("pkg:maven/g/flood@2"), purls(found));
    assertEquals(List.of("f.jar: more than 1000 archive entries; the rest of the archive was not read"),
        ctx.warnings);
  }

  @Test
  void aFailingSourceStreamIsAnUncheckedIoExceptionNotAWarning() {
    byte[] real = Fixtures.bytes(Fixtures.jar("surefire-api-2.12.4.jar"));
    InputStream failing = new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        if (position >= real.length / 2) {
          throw new IOException("layer stream broke");
        }
        return real[position++] & 0xff;
      }
    };
    assertThrows(UncheckedIOException.class, () -> new JavaArchiveScanner(ArchiveLimits.of(4, 1 << 20), ctx)
        .scan("broken.jar", failing));
    assertEquals(List.of(), ctx.warnings, "a broken source stream is not blamed on the archive");
  }
}
