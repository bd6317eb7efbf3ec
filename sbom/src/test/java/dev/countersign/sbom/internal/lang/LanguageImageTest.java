package dev.countersign.sbom.internal.lang;

import static dev.countersign.sbom.internal.lang.Fixtures.bytes;
import static dev.countersign.sbom.internal.lang.Fixtures.jar;
import static dev.countersign.sbom.internal.lang.Fixtures.pomPath;
import static dev.countersign.sbom.internal.lang.Fixtures.pomProperties;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.Repository;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.sbom.SbomGenerator;
import dev.countersign.sbom.SbomResult;
import dev.countersign.sbom.SbomWarning;
import dev.countersign.sbom.Sboms;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image holding a fat jar built from real jars, a real node_modules tree and real Python metadata, with an
 * upper layer that deletes one npm package and one Python distribution by whiteouts: the generated BOM lists
 * exactly the visible language packages with their evidence, on a real registry and an OCI layout.
 */
class LanguageImageTest {
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final UUID SERIAL = UUID.fromString("0b3c1a7e-5d1f-4c51-9a55-2f5c7f1e0d11");
  private static final Instant TIME = Instant.parse("2025-02-03T04:05:06Z");
  private static final String SITE = "usr/lib/python3/dist-packages/";
  private static final String APP = "usr/src/app/";

  @TempDir Path tmp;

  private static ImageBuilder image() {
    String[] names = {"jopt-simple-5.0.4.jar", "failureaccess-1.0.1.jar", "surefire-api-2.12.4.jar",
        "apiguardian-api-1.1.2.jar", "opentest4j-1.3.0.jar"};
    Object[] entries = new Object[2 + 2 * names.length];
    entries[0] = pomPath("com.example", "demo");
    entries[1] = pomProperties("com.example", "demo", "0.0.1");
    for (int i = 0; i < names.length; i++) {
      entries[2 + 2 * i] = "BOOT-INF/lib/" + names[i];
      entries[3 + 2 * i] = bytes(jar(names[i]));
    }
    return ImageBuilder.create()
        .addContent(Fixtures.zip(entries), "/opt/demo/demo-0.0.1.jar", 0644)
        .addDirectory(Fixtures.root().resolve("npm/node_modules"), "/" + APP + "node_modules")
        .addContent("{\"name\": \"my-app\", \"version\": \"1.0.0\"}".getBytes(), "/" + APP + "package.json", 0644)
        .addContent("{not json".getBytes(), "/" + APP + "node_modules/broken/package.json", 0644)
        .addDirectory(Fixtures.root().resolve("python"), "/" + SITE.substring(0, SITE.length() - 1))
        .nextLayer()
        .addContent(new byte[0], "/" + APP + "node_modules/.wh.util-deprecate", 0644)
        .addContent(new byte[0], "/" + SITE + ".wh.six-1.16.0.egg-info", 0644);
  }

  private static void check(Repository repo, String tag) {
    SbomResult result = SbomGenerator.builder().serialNumber(SERIAL).timestamp(TIME).build()
        .generateWithWarnings(repo, tag);
    Map<String, String> evidence = new TreeMap<>();
    for (Component c : result.bom().getComponents()) {
      if (c.getPurl() != null && c.getPurl().matches("pkg:(maven|npm|pypi)/.*")) {
        assertEquals(Component.Type.LIBRARY, c.getType());
        assertEquals(1, c.getEvidence().getOccurrences().size(), c.getPurl());
        evidence.put(c.getPurl(), c.getEvidence().getOccurrences().get(0).getLocation());
      }
    }
    String fat = "/opt/demo/demo-0.0.1.jar";  // evidence locations are absolute in the image
    String lib = fat + "!/BOOT-INF/lib/";
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("pkg:maven/com.example/demo@0.0.1", fat),
        Map.entry("pkg:maven/net.sf.jopt-simple/jopt-simple@5.0.4", lib + "jopt-simple-5.0.4.jar"),
        Map.entry("pkg:maven/com.google.guava/failureaccess@1.0.1", lib + "failureaccess-1.0.1.jar"),
        Map.entry("pkg:maven/org.apache.maven.surefire/surefire-api@2.12.4", lib + "surefire-api-2.12.4.jar"),
        Map.entry("pkg:maven/org.codehaus.plexus/plexus-utils@3.0.8", lib + "surefire-api-2.12.4.jar"),
        Map.entry("pkg:maven/org.apiguardian/apiguardian-api@1.1.2", lib + "apiguardian-api-1.1.2.jar"),
        Map.entry("pkg:maven/org.opentest4j/opentest4j@1.3.0", lib + "opentest4j-1.3.0.jar"),
        Map.entry("pkg:npm/%40sigstore/core@4.0.1", "/" + APP + "node_modules/@sigstore/core/package.json"),
        Map.entry("pkg:npm/%40sigstore/bundle@5.0.1", "/" + APP + "node_modules/@sigstore/bundle/package.json"),
        Map.entry("pkg:npm/tinyglobby@0.2.17", "/" + APP + "node_modules/tinyglobby/package.json"),
        Map.entry("pkg:npm/picomatch@4.0.4",
            "/" + APP + "node_modules/tinyglobby/node_modules/picomatch/package.json"),
        Map.entry("pkg:npm/fdir@6.5.0", "/" + APP + "node_modules/tinyglobby/node_modules/fdir/package.json"),
        Map.entry("pkg:pypi/cryptography@38.0.4", "/" + SITE + "cryptography-38.0.4.dist-info/METADATA"),
        Map.entry("pkg:pypi/pyyaml@6.0", "/" + SITE + "PyYAML-6.0.dist-info/METADATA"),
        Map.entry("pkg:pypi/pyparsing@3.0.9", "/" + SITE + "pyparsing-3.0.9.dist-info/METADATA"),
        Map.entry("pkg:pypi/pyjwt@2.6.0", "/" + SITE + "PyJWT-2.6.0.egg-info/PKG-INFO")));
    assertEquals(expected, evidence);
    List<SbomWarning> warnings = result.warnings();
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).toString().contains("node_modules/broken/package.json"), warnings.toString());
    assertTrue(warnings.get(0).toString().contains("package.json is not JSON"), warnings.toString());

    assertEquals(List.of(), Sboms.validate(Sboms.toJson(result.bom()), Version.VERSION_16));
    Bom bom15 = SbomGenerator.builder().serialNumber(SERIAL).timestamp(TIME).specVersion(Version.VERSION_15)
        .build().generate(repo, tag);
    assertEquals(List.of(), Sboms.validate(Sboms.toJson(bom15), Version.VERSION_15));
  }

  @Test
  void registryImage() {
    try (Registry registry = Registry.create()) {
      Repository repo = registry.repository(SERVER.reference("sbom/lang:v1"));
      image().build(repo, "v1");
      check(repo, "v1");
    }
  }

  @Test
  void ociLayoutImage() {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    image().gzip(false).build(layout, "v1");
    check(layout, "v1");
  }
}
