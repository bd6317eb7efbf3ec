package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.countersign.sbom.testing.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SBOMs we write validate against the CycloneDX specification's JSON schema with python-jsonschema
 * (src/test/peers/validate_cyclonedx.py), an implementation independent of core-java; and a BOM the schema rejects
 * is rejected by that peer too, so the check can fail.
 */
class IndependentSchemaValidationTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(value = Version.class, names = {"VERSION_15", "VERSION_16"})
  void generatedBomsValidateWithPythonJsonschema(Version version) throws Exception {
    Path root = tmp.resolve("rootfs");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.write(root.resolve("etc/os-release"), Fixtures.bytes("debian/os-release"));
    Files.write(root.resolve("var/lib/dpkg/status"), Fixtures.bytes("debian/status"));
    Bom bom = SbomGenerator.builder().specVersion(version).build().generate(root);
    Path json = tmp.resolve("bom.json");
    Files.write(json, Sboms.toJson(bom));
    String out = validate(json, 0);
    assertTrue(out.startsWith("valid " + version.getVersionString() + " 732 components"), out);

    String broken = Files.readString(json, StandardCharsets.UTF_8)
        .replaceFirst("\"type\" *: *\"library\"", "\"type\" : \"no-such-type\"");
    Files.writeString(tmp.resolve("broken.json"), broken, StandardCharsets.UTF_8);
    String refused = validate(tmp.resolve("broken.json"), 1);
    assertTrue(refused.contains("no-such-type"), refused);
  }

  private static String validate(Path bom, int expectedExit) throws IOException, InterruptedException,
      URISyntaxException {
    Path schemas = Path.of(IndependentSchemaValidationTest.class.getResource("/vectors/cyclonedx-schema").toURI());
    Path script = Path.of("src/test/peers/validate_cyclonedx.py");
    Process p = new ProcessBuilder("python3", script.toString(), schemas.toString(), bom.toString())
        .redirectErrorStream(true).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the python validator timed out");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.exitValue(), out);
    return out;
  }
}
