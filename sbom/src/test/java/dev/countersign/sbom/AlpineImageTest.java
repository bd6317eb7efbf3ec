package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.sbom.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Alpine apk database (from syft's test data) in an image and in a rootfs directory. */
class AlpineImageTest {
  private static final List<String> PURLS = List.of(
      "pkg:apk/alpine/bash@5.2.21-r0?arch=x86_64&distro=alpine-3.19.0",
      "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.0&upstream=busybox",
      "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.0",
      "pkg:apk/alpine/readline@8.2.1-r2?arch=x86_64&distro=alpine-3.19.0");

  @TempDir
  Path tmp;

  static List<String> apkPurls(Bom bom) {
    return bom.getComponents().stream().map(Component::getPurl).filter(p -> p != null && p.startsWith("pkg:apk/"))
        .collect(Collectors.toList());
  }

  @Test
  void imagePackagesWithPurlsLicensesAndOs() {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    ImageBuilder.create().addContent(Fixtures.bytes("alpine/os-release"), "/etc/os-release", 0644)
        .addContent(Fixtures.bytes("alpine/installed"), "/lib/apk/db/installed", 0644).build(layout, "3.19");
    SbomResult r = SbomGenerator.builder().specVersion(Version.VERSION_15).build().generateWithWarnings(layout,
        "3.19");
    assertEquals(PURLS, apkPurls(r.bom()));
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    Component musl = r.bom().getComponents().stream().filter(c -> "musl".equals(c.getName())).findFirst()
        .orElseThrow();
    assertEquals("MIT", musl.getLicenses().getLicenses().get(0).getName());
    assertEquals("/lib/apk/db/installed", musl.getEvidence().getOccurrences().get(0).getLocation());
    Component os = r.bom().getComponents().stream().filter(c -> c.getType() == Component.Type.OPERATING_SYSTEM)
        .findFirst().orElseThrow();
    assertEquals("alpine", os.getName());
    assertEquals("Alpine Linux v3.19", os.getDescription());
  }

  @Test
  void rootfsDirectoryGivesTheSamePackages() throws Exception {
    Path root = tmp.resolve("rootfs");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.write(root.resolve("etc/os-release"), Fixtures.bytes("alpine/os-release"));
    Files.write(root.resolve("lib/apk/db/installed"), Fixtures.bytes("alpine/installed"));
    Bom bom = SbomGenerator.builder().build().generate(root);
    assertEquals(PURLS, apkPurls(bom));
    assertEquals(Component.Type.FILE, bom.getMetadata().getComponent().getType());
  }
}
