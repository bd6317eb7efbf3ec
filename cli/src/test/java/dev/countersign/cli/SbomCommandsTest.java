package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.signature.Triangulation;
import dev.countersign.oci.testing.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sbom generate|attest|verify} and {@code verify-attestation --type cyclonedx}, on a layout and a registry. */
class SbomCommandsTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> APK_PURLS = Set.of("pkg:apk/alpine/bash@5.2.21-r0?arch=x86_64&distro=alpine-3.19.1",
      "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1&upstream=busybox",
      "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
      "pkg:apk/alpine/readline@8.2.1-r2?arch=x86_64&distro=alpine-3.19.1");

  @TempDir
  Path dir;

  private Path layout;

  @BeforeEach
  void keysAndImage() {
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("dev").toString()).expect(0);
    layout = dir.resolve("layout");
    alpine(OciLayout.create(layout), "v1", "app v1");
  }

  /** A small Alpine image: a real apk database and os-release. */
  static Descriptor alpine(Repository repo, String tag, String marker) {
    return alpineBuilder(marker).build(repo, tag).manifest().descriptor();
  }

  static ImageBuilder alpineBuilder(String marker) {
    return ImageBuilder.create().timestamp(Instant.EPOCH)
        .addContent(resource("apk-installed"), "/lib/apk/db/installed", 0644)
        .addContent("ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"
            .getBytes(StandardCharsets.UTF_8), "/etc/os-release", 0644)
        .addContent(marker.getBytes(StandardCharsets.UTF_8), "/app/marker", 0644);
  }

  @Test
  void attestThenVerifyWritesTheVerifiedSbomOnALayout() throws Exception {
    String image = "oci:" + layout + ":v1";
    Cli.Result attested = Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), image).expect(0);
    assertTrue(attested.err().contains("https://cyclonedx.org/bom") && attested.err().contains("legacy")
        && attested.err().contains("bundle"), attested.err());
    Path out = dir.resolve("sbom.json");
    Cli.Result verified = Cli.run("sbom", "verify", "--key", key("dev.pub"), "--output-file", out.toString(), image)
        .expect(0);
    assertTrue(verified.err().contains("The statement's subject is the image's digest sha256:"), verified.err());
    JsonNode bom = JSON.readTree(Files.readAllBytes(out));
    assertEquals("1.6", bom.get("specVersion").asText());
    assertTrue(purls(bom).containsAll(APK_PURLS), purls(bom).toString());
    // cosign's own command shape works on what sbom attest wrote.
    Cli.Result va = Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "cyclonedx", image).expect(0);
    assertEquals(1, va.out().lines().count(), "one envelope in two schemes prints once: " + va.out());
    assertTrue(va.out().contains("\"predicateType\":\"https://cyclonedx.org/bom\""), va.out());
    // Without --output-file the SBOM goes to stdout.
    JsonNode printed = JSON.readTree(Cli.run("sbom", "verify", "--key", key("dev.pub"), image).expect(0).out());
    assertEquals(bom, printed);
  }

  @Test
  void wrongKeyExitsOneAndWritesNoFile() {
    String image = "oci:" + layout + ":v1";
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("other").toString()).expect(0);
    Cli.withPassword("", "sbom", "attest", "--key", key("other.key"), image).expect(0);
    Path out = dir.resolve("sbom.json");
    Cli.Result r = Cli.run("sbom", "verify", "--key", key("dev.pub"), "--output-file", out.toString(), image)
        .expect(1);
    assertTrue(r.err().startsWith("Error: no valid attestation"), r.err());
    assertTrue(r.out().isEmpty(), r.out());
    assertFalse(Files.exists(out), "no SBOM file when verification fails");
  }

  @Test
  void anAttestationCopiedFromAnotherImageIsRejected() {
    OciLayout repo = OciLayout.open(layout);
    Descriptor signed = repo.resolve("v1").orElseThrow();
    Descriptor other = alpine(repo, "v2", "app v2");
    Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--signature-format", "legacy",
        "oci:" + layout + ":v1").expect(0);
    repo.putManifest(repo.manifest(Triangulation.attestationTag(signed.digest())).orElseThrow(),
        Triangulation.attestationTag(other.digest()));
    Path out = dir.resolve("sbom.json");
    Cli.Result r = Cli.run("sbom", "verify", "--key", key("dev.pub"), "--output-file", out.toString(),
        "oci:" + layout + ":v2").expect(1);
    assertTrue(r.err().contains("not about") || r.err().contains("subject"), r.err());
    assertFalse(Files.exists(out));
    Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "cyclonedx", "oci:" + layout + ":v2").expect(1);
  }

  @Test
  void importedXmlAndSpdxAreAttachedAndVerifiedByType() throws Exception {
    String image = "oci:" + layout + ":v1";
    Path xml = Files.write(dir.resolve("syft.cdx.xml"), resource("cdx-1.6.xml"));
    Path spdx = Files.write(dir.resolve("syft.spdx.json"), resource("spdx-2.3.json"));
    Cli.Result x = Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--sbom", xml.toString(),
        "--signature-format", "bundle", image).expect(0);
    assertTrue(x.err().contains("cyclonedx_xml 1.6"), x.err());
    Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--sbom", spdx.toString(), image).expect(0);
    JsonNode cdx = JSON.readTree(Cli.run("sbom", "verify", "--key", key("dev.pub"), image).expect(0).out());
    assertEquals(Set.of("pkg:golang/github.com/wagoodman/go-partybus@v0.0.0-20230516145632-8ccac152c651"),
        purls(cdx));
    JsonNode s = JSON.readTree(Cli.run("sbom", "verify", "--key", key("dev.pub"), "--type", "spdx", image).expect(0)
        .out());
    assertEquals(JSON.readTree(resource("spdx-2.3.json")), s);
    Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "spdx", image).expect(0);
  }

  @Test
  void oversizedAndInvalidSbomsAreRefusedWithExitTwo() throws IOException {
    String image = "oci:" + layout + ":v1";
    Path big = Files.write(dir.resolve("big.json"), new byte[(16 << 20) + 1]);
    Cli.Result r = Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--sbom", big.toString(), image)
        .expect(2);
    assertTrue(r.err().contains("larger than the SBOM size cap") && r.err().contains("GitHub attest limit"),
        r.err());
    Path text = Files.writeString(dir.resolve("sbom.spdx"), "SPDXVersion: SPDX-2.3\n");
    Cli.Result tv = Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--sbom", text.toString(), image)
        .expect(2);
    assertTrue(tv.err().contains("SPDX tag-value is not supported"), tv.err());
    Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), "--sbom", dir.resolve("none.json").toString(),
        image).expect(2);
    Cli.run("sbom", "generate", "--spec-version", "1.4", image).expect(2);
    Cli.run("sbom", "verify", "--key", key("dev.pub"), "--type", "swid", image).expect(2);
    assertTrue(OciLayout.open(layout).tags().stream().noneMatch(t -> t.endsWith(".att")), "nothing attached");
  }

  @Test
  void legacySbomAttachmentsAreReportedUnsignedAndNotWritten() {
    OciLayout repo = OciLayout.open(layout);
    Digest image = repo.resolve("v1").orElseThrow().digest();
    Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor layer = repo.pushBlob("spdx+json", resource("spdx-2.3.json"));
    repo.putManifest(ImageManifest.builder().config(config).layers(List.of(layer)).build().manifest(),
        "sha256-" + image.hex() + ".sbom");
    Path out = dir.resolve("sbom.json");
    Cli.Result r = Cli.run("sbom", "verify", "--key", key("dev.pub"), "--type", "spdx", "--output-file",
        out.toString(), "oci:" + layout + ":v1").expect(1);
    assertTrue(r.err().contains("Warning: ignored UNSIGNED: a cosign .sbom attachment"), r.err());
    assertTrue(r.err().contains("1 unsigned cosign .sbom attachment, which cannot be verified"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void generateAndRoundTripAgainstTheRegistry() throws Exception {
    try (Registry registry = Registry.create()) {
      alpine(registry.repository(SERVER.reference("team/app")), "1.0", "registry app");
    }
    String image = SERVER.reference("team/app:1.0");
    JsonNode generated = JSON.readTree(Cli.run("sbom", "generate", "--spec-version", "1.5", image).expect(0).out());
    assertEquals("1.5", generated.get("specVersion").asText());
    assertTrue(purls(generated).containsAll(APK_PURLS), purls(generated).toString());
    Path file = dir.resolve("gen.json");
    Cli.run("sbom", "generate", "--output-file", file.toString(), image).expect(0);
    assertEquals("1.6", JSON.readTree(Files.readAllBytes(file)).get("specVersion").asText());

    Cli.withPassword("", "sbom", "attest", "--key", key("dev.key"), image).expect(0);
    Path out = dir.resolve("verified.json");
    Cli.run("sbom", "verify", "--key", key("dev.pub"), "--output-file", out.toString(), image).expect(0);
    assertTrue(purls(JSON.readTree(Files.readAllBytes(out))).containsAll(APK_PURLS));
    Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "cyclonedx", image).expect(0);
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("other").toString()).expect(0);
    Path none = dir.resolve("none.json");
    Cli.run("sbom", "verify", "--key", key("other.pub"), "--output-file", none.toString(), image).expect(1);
    assertFalse(Files.exists(none));
  }

  static Set<String> purls(JsonNode bom) {
    Set<String> out = new TreeSet<>();
    bom.path("components").forEach(c -> out.add(c.path("purl").asText()));
    return out;
  }

  static byte[] resource(String name) {
    try (InputStream in = SbomCommandsTest.class.getResourceAsStream("/sbom/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /sbom/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String key(String name) {
    return dir.resolve(name).toString();
  }
}
