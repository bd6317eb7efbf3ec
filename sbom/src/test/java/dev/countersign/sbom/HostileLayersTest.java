package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.OciLayout;
import dev.countersign.sbom.testing.Fixtures;
import dev.countersign.sbom.testing.LazyBlobRepository;
import dev.countersign.sbom.testing.RawImages;
import dev.countersign.sbom.testing.RawTar;
import dev.countersign.sbom.testing.RecordingCataloger;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers and package databases built to hurt: each costs a warning or a clear error, never a crash or a hang. */
class HostileLayersTest {
  private static final String OS = "ID=debian\nVERSION_ID=12\n";
  private static final String ONE = "Package: one\nStatus: install ok installed\nVersion: 1.0\nArchitecture: all\n";

  @TempDir
  Path tmp;

  private OciLayout layout() {
    return OciLayout.create(tmp.resolve("layout"));
  }

  private static Set<String> names(Bom bom) {
    return bom.getComponents().stream().filter(c -> c.getType() == Component.Type.LIBRARY).map(Component::getName)
        .collect(Collectors.toSet());
  }

  @Test
  void dotDotNamesAreRefusedAndTheRestIsRead() {
    OciLayout repo = layout();
    RawImages.push(repo, "t", new RawTar().file("etc/os-release", OS)
        .file("../../var/lib/dpkg/status", "Package: evil\nStatus: install ok installed\nVersion: 6\n")
        .file("/var/lib/dpkg/status", ONE).tar());
    SbomResult r = SbomGenerator.builder().build().generateWithWarnings(repo, "t");
    assertEquals(Set.of("one"), names(r.bom()));
    assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("'..'")), r.warnings().toString());
  }

  @Test
  void symlinksAreRecordedNeverFollowed() {
    OciLayout repo = layout();
    RecordingCataloger rec = new RecordingCataloger(p -> p.startsWith("etc/") || p.startsWith("usr/"));
    RawImages.push(repo, "t", new RawTar().symlink("etc/os-release", "/../../../../etc/passwd")
        .symlink("etc/shadow-link", "/etc/shadow").file("usr/lib/os-release", OS)
        .file("var/lib/dpkg/status", ONE).tar());
    Bom bom = SbomGenerator.builder().cataloger(rec).build().generate(repo, "t");
    assertEquals(Set.of("usr/lib/os-release"), rec.seen.keySet());
    Component os = bom.getComponents().stream().filter(c -> c.getType() == Component.Type.OPERATING_SYSTEM)
        .findFirst().orElseThrow();
    assertEquals("/../../../../etc/passwd", os.getProperties().stream()
        .filter(p -> p.getName().equals("countersign:os:etc-os-release-symlink")).findFirst().orElseThrow()
        .getValue());
  }

  @Test
  void hardLinksResolveInTheLayerAndMissingTargetsWarn() {
    OciLayout repo = layout();
    RawImages.push(repo, "t", new RawTar().file("etc/os-release", OS).file("srv/status.orig", ONE)
        .hardLink("var/lib/dpkg/status", "srv/status.orig")
        .hardLink("var/lib/dpkg/status.d/ghost", "nowhere/ghost").tar());
    SbomResult r = SbomGenerator.builder().build().generateWithWarnings(repo, "t");
    assertEquals(Set.of("one"), names(r.bom()));
    assertTrue(r.warnings().stream().anyMatch(w -> w.path().equals("var/lib/dpkg/status.d/ghost")
        && w.message().contains("hard link target")), r.warnings().toString());
  }

  @Test
  void longNamesAndPaxPathsAreRead() {
    OciLayout repo = layout();
    String deep = "usr/" + "x".repeat(120) + "/../../var/lib/dpkg/status";
    RawImages.push(repo, "t", new RawTar().file("etc/os-release", OS).paxFile("var/lib/dpkg/status", ONE)
        .gnuLongFile(deep, "Package: evil\nStatus: install ok installed\nVersion: 6\n").tar());
    SbomResult r = SbomGenerator.builder().build().generateWithWarnings(repo, "t");
    assertEquals(Set.of("one"), names(r.bom()));
    assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains(deep)), r.warnings().toString());
  }

  @Test
  void megabyteLinesAndBrokenStanzasCostWarningsOnly() {
    OciLayout repo = layout();
    String status = ONE + "Description: " + "y".repeat(1 << 20) + "\n\n"
        + "Version: 2.0\nStatus: install ok installed\n\n"
        + "this line is garbage\nPackage: two\nStatus: install ok installed\nVersion: 2.0\n\n"
        + "Package: three\nStatus: deinstall ok config-files\nVersion: 3\n\n"
        + "Package: four\nStatus: install ok installed\n\n"
        + Fixtures.text("debian/status");
    RawImages.push(repo, "t", new RawTar().file("etc/os-release", OS)
        .file("var/lib/dpkg/status", status).gzip());
    SbomResult r = SbomGenerator.builder().build().generateWithWarnings(repo, "t");
    Set<String> names = names(r.bom());
    assertTrue(names.containsAll(Set.of("one", "two", "libc6")), names.toString());
    assertTrue(!names.contains("three") && !names.contains("four"));
    List<String> messages = r.warnings().stream().map(SbomWarning::message).collect(Collectors.toList());
    assertTrue(messages.stream().anyMatch(m -> m.contains("longer than")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("without Package")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("not a 'Field: value'")), messages.toString());
    assertTrue(messages.stream().anyMatch(m -> m.contains("four has no Version")), messages.toString());
  }

  @Test
  void truncatedGzipFailsNamingTheLayer() {
    OciLayout repo = layout();
    byte[] gz = new RawTar().file("etc/os-release", OS).file("var/lib/dpkg/status", Fixtures.text("debian/status"))
        .gzip();
    RawImages.push(repo, "t", Arrays.copyOf(gz, gz.length / 2));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomGenerator.builder().build().generate(repo, "t"));
    assertTrue(e.getMessage().startsWith("cannot read layer 0 sha256:"), e.getMessage());
  }

  @Test
  void zstdLayersAreRefusedClearly() {
    OciLayout repo = layout();
    RawImages.push(repo, "t", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0});
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomGenerator.builder().build().generate(repo, "t"));
    assertTrue(e.getMessage().contains("zstd"), e.getMessage());
  }

  @Test
  void notATarFailsClearly() {
    OciLayout repo = layout();
    RawImages.push(repo, "t", "this is not a tar archive, just text".repeat(20).getBytes(StandardCharsets.UTF_8));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomGenerator.builder().build().generate(repo, "t"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  /** 2 GiB of zeros, produced as read. */
  private static InputStream zeros(long n) {
    return new InputStream() {
      long left = n;

      @Override
      public int read() {
        return left-- > 0 ? 0 : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int k = (int) Math.min(len, left);
        Arrays.fill(b, off, off + k, (byte) 0);
        left -= k;
        return k;
      }
    };
  }

  @Test
  void twoGibLayersOfZerosAreBoundedInTimeAndMemory() {
    long twoGib = 2L << 30;
    OciLayout base = layout();
    Digest zerosDigest = Digest.compute(DigestAlgorithm.SHA256, "zeros".getBytes(StandardCharsets.UTF_8));
    Digest bigFile = Digest.compute(DigestAlgorithm.SHA256, "big file".getBytes(StandardCharsets.UTF_8));
    byte[] tail = new RawTar().file("etc/os-release", OS).file("var/lib/dpkg/status.d/one", ONE).tar();
    Descriptor zerosLayer = Descriptor.of(MediaTypes.OCI_LAYER, zerosDigest, twoGib);
    long bigSize = 512 + twoGib + tail.length;
    Descriptor bigLayer = Descriptor.of(MediaTypes.OCI_LAYER, bigFile, bigSize);
    RawImages.pushManifest(base, "t", List.of(zerosLayer, bigLayer));
    LazyBlobRepository repo = new LazyBlobRepository(base, Map.of(
        zerosDigest, () -> zeros(twoGib),
        bigFile, () -> new SequenceInputStream(new SequenceInputStream(
            new ByteArrayInputStream(RawTar.headerBlock("var/lib/dpkg/status", '0', twoGib, "")), zeros(twoGib)),
            new ByteArrayInputStream(tail))));
    SbomResult r = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> SbomGenerator.builder().build().generateWithWarnings(repo, "t"));
    assertEquals(Set.of("one"), names(r.bom()));
    assertTrue(r.warnings().stream().anyMatch(w -> w.path().equals("var/lib/dpkg/status")
        && w.message().contains("exceeds")), r.warnings().toString());
  }
}
