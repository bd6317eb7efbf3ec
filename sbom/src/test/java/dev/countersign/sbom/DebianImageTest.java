package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.sbom.testing.Fixtures;
import dev.countersign.sbom.testing.RecordingCataloger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debian image built from this project's copy of a real dpkg status file: every package dpkg-query lists as
 * installed appears with its version, a package deleted by an upper layer (status rewritten, its .list file
 * whited out) does not, on a real registry and an OCI layout, for CycloneDX 1.6 and 1.5.
 */
class DebianImageTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final UUID SERIAL = UUID.fromString("3e671687-395b-41f5-a30f-a58921a69b79");
  private static final Instant TIME = Instant.parse("2025-01-02T03:04:05Z");
  private static final String REMOVED = "adduser";
  private static Registry registry;

  @TempDir
  Path tmp;

  @BeforeAll
  static void client() {
    registry = Registry.create();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  static ImageBuilder image() {
    String status = Fixtures.text("debian/status");
    return ImageBuilder.create()
        .addContent(Fixtures.bytes("debian/os-release"), "/usr/lib/os-release", 0644)
        .addContent(Fixtures.bytes("debian/status"), "/var/lib/dpkg/status", 0644)
        .addContent(Fixtures.bytes("debian/info/adduser.list"), "/var/lib/dpkg/info/adduser.list", 0644)
        .addContent(Fixtures.bytes("debian/info/aardvark-dns.list"), "/var/lib/dpkg/info/aardvark-dns.list", 0644)
        .addContent(Fixtures.bytes("debian/doc/adduser.copyright"), "/usr/share/doc/adduser/copyright", 0644)
        .nextLayer()
        .addContent(Fixtures.statusWithout(status, REMOVED).getBytes(StandardCharsets.UTF_8),
            "/var/lib/dpkg/status", 0644)
        .addContent(new byte[0], "/var/lib/dpkg/info/.wh.adduser.list", 0644)
        .addContent(new byte[0], "/usr/share/doc/.wh.adduser", 0644);
  }

  /** "name version" of every installed package, as dpkg-query itself reads the status file. */
  Set<String> dpkgQuery(String status) throws IOException, InterruptedException {
    Path admin = Files.createDirectories(tmp.resolve("admin-" + status.length()));
    Files.writeString(admin.resolve("status"), status);
    Process p = new ProcessBuilder("dpkg-query", "-W", "--admindir=" + admin,
        "-f", "${Status}\t${Package} ${Version}\n").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("install ok installed\t"))
        .map(l -> l.substring(l.indexOf('\t') + 1)).collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> debs(Bom bom) {
    return bom.getComponents().stream().filter(c -> c.getPurl() != null && c.getPurl().startsWith("pkg:deb/"))
        .map(c -> c.getName() + " " + c.getVersion()).collect(Collectors.toCollection(TreeSet::new));
  }

  private void check(Repository repo, String tag) throws Exception {
    RecordingCataloger lists = new RecordingCataloger(p -> p.startsWith("var/lib/dpkg/info/"));
    SbomGenerator gen = SbomGenerator.builder().serialNumber(SERIAL).timestamp(TIME).cataloger(lists).build();
    SbomResult result = gen.generateWithWarnings(repo, tag);
    Bom bom = result.bom();

    Set<String> expected = dpkgQuery(Fixtures.statusWithout(Fixtures.text("debian/status"), REMOVED));
    Set<String> all = dpkgQuery(Fixtures.text("debian/status"));
    assertTrue(expected.size() > 500, "fixture has " + expected.size() + " installed packages");
    assertTrue(all.stream().anyMatch(s -> s.startsWith(REMOVED + " ")));
    assertEquals(expected, debs(bom));
    assertEquals(Set.of("var/lib/dpkg/info/aardvark-dns.list"), lists.seen.keySet(), "whited-out file offered");
    assertTrue(result.warnings().isEmpty(), result.warnings().toString());

    Component os = bom.getComponents().stream().filter(c -> c.getType() == Component.Type.OPERATING_SYSTEM)
        .findFirst().orElseThrow();
    assertEquals("debian", os.getName());
    assertEquals("12", os.getVersion());
    Component libc = bom.getComponents().stream().filter(c -> "libc6".equals(c.getName())).findFirst()
        .orElseThrow();
    assertTrue(libc.getPurl().matches("pkg:deb/debian/libc6@[^?]+\\?arch=amd64&distro=debian-12&upstream=glibc"),
        libc.getPurl());
    assertEquals("/var/lib/dpkg/status", libc.getEvidence().getOccurrences().get(0).getLocation());

    Component subject = bom.getMetadata().getComponent();
    assertEquals(Component.Type.CONTAINER, subject.getType());
    String digest = repo.resolve(tag).orElseThrow().digest().hex();
    assertTrue(subject.getPurl().contains("@sha256%3A" + digest), subject.getPurl());
    assertEquals(digest, subject.getHashes().get(0).getValue());
    assertEquals(bom.getComponents().size(), bom.getDependencies().get(0).getDependencies().size());

    byte[] json16 = Sboms.toJson(bom);
    assertEquals(List.of(), Sboms.validate(json16, Version.VERSION_16));
    assertArrayEquals(json16, Sboms.toJson(gen.generate(repo, tag)), "same serial and timestamp: same bytes");
    String text = new String(json16, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"specVersion\" : \"1.6\""));
    assertTrue(text.contains("\"phase\" : \"post-build\""));
    assertFalse(text.contains(REMOVED + ".list"));

    Bom bom15 = SbomGenerator.builder().serialNumber(SERIAL).timestamp(TIME).specVersion(Version.VERSION_15)
        .build().generate(repo, tag);
    byte[] json15 = Sboms.toJson(bom15);
    assertEquals("1.5", bom15.getSpecVersion());
    assertEquals(List.of(), Sboms.validate(json15, Version.VERSION_15));
    assertEquals(expected, debs(Sboms.parseJson(json15)));
  }

  @Test
  void registryImageMatchesDpkgQuery() throws Exception {
    Repository repo = registry.repository(SERVER.reference("sbom/debian:v1"));
    image().build(repo, "v1");
    check(repo, "v1");
  }

  @Test
  void ociLayoutImageMatchesDpkgQuery() throws Exception {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    ImageManifest m = image().gzip(false).build(layout, "v1");
    check(layout, "v1");
    check(layout, m.manifest().digest().toString());
  }

  @Test
  void licensesFromDep5CopyrightWhenPresent() {
    OciLayout layout = OciLayout.create(tmp.resolve("lic"));
    ImageBuilder.create()
        .addContent(Fixtures.bytes("debian/os-release"), "/usr/lib/os-release", 0644)
        .addContent(Fixtures.bytes("debian/status"), "/var/lib/dpkg/status", 0644)
        .addContent(Fixtures.bytes("debian/doc/adduser.copyright"), "/usr/share/doc/adduser/copyright", 0644)
        .build(layout, "v1");
    Bom bom = SbomGenerator.builder().build().generate(layout, "v1");
    Component adduser = bom.getComponents().stream().filter(c -> REMOVED.equals(c.getName())).findFirst()
        .orElseThrow();
    assertEquals("GPL-2+", adduser.getLicenses().getLicenses().get(0).getName());
  }
}
