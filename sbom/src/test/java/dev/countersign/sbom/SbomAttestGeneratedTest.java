package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.testing.RegistryServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link SbomAttestor#attest}: generate, sign and attach in one call, then verify, on a registry and a layout. */
class SbomAttestGeneratedTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Registry registry;

  @TempDir
  Path dir;

  @BeforeAll
  static void client() {
    registry = Registry.builder().credentials(CredentialsProvider.anonymous()).build();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void generatedSbomRoundTripsThroughTheRegistry() throws Exception {
    roundTrip(registry.repository(SERVER.reference("debian/app")), SERVER.reference("debian/app"),
        Version.VERSION_16);
  }

  @Test
  void generatedSbomRoundTripsThroughAnOciLayout() throws Exception {
    roundTrip(OciLayout.create(dir.resolve("layout")), dir.resolve("layout").toString(), Version.VERSION_15);
  }

  private void roundTrip(Repository repo, String name, Version version) throws Exception {
    Descriptor image = DebianImageTest.image().timestamp(Instant.EPOCH).build(repo, "1.0").manifest().descriptor();
    SbomGenerator generator = SbomGenerator.builder().specVersion(version)
        .serialNumber(UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100"))
        .timestamp(Instant.parse("2025-06-07T08:09:10Z")).build();
    SbomAttachment a = SbomAttestor.builder().signer(TestKeys.p256("gen")).generator(generator).build()
        .attest(repo, name, "1.0");
    assertEquals(image.digest(), a.image());
    assertEquals(version.getVersionString(), a.document().specVersion());
    InTotoStatement statement = InTotoStatement.parse(a.envelope().payload());
    assertEquals(PredicateTypes.CYCLONEDX, statement.predicateType());
    assertTrue(statement.hasSubject(image.digest()));

    SbomVerification v = SbomVerifier.builder().trust(TestKeys.p256Verifier("gen")).build().verify(repo, "1.0")
        .orThrow();
    byte[] expected = Sboms.toJson(generator.generate(repo, image.digest().toString()));
    assertEquals(JSON.readTree(expected), v.document().orElseThrow(), "the verified SBOM is the generated one");
    assertTrue(v.bom().orElseThrow().getComponents().stream().map(Component::getPurl)
        .anyMatch(p -> p != null && p.startsWith("pkg:deb/debian/")), "dpkg packages are in the verified BOM");
    assertFalse(v.bom().orElseThrow().getComponents().stream().anyMatch(c -> c.getName().equals("adduser")),
        "the whited-out package stays out");
    assertEquals(version.getVersionString(), v.specVersion().orElseThrow());
  }
}
