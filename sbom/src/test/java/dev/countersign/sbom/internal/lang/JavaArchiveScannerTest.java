package dev.countersign.sbom.internal.lang;

import static dev.countersign.sbom.internal.lang.Fixtures.byPurl;
import static dev.countersign.sbom.internal.lang.Fixtures.bytes;
import static dev.countersign.sbom.internal.lang.Fixtures.jar;
import static dev.countersign.sbom.internal.lang.Fixtures.pomPath;
import static dev.countersign.sbom.internal.lang.Fixtures.pomProperties;
import static dev.countersign.sbom.internal.lang.Fixtures.property;
import static dev.countersign.sbom.internal.lang.Fixtures.purls;
import static dev.countersign.sbom.internal.lang.Fixtures.sha256;
import static dev.countersign.sbom.internal.lang.Fixtures.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;

/** Real jars from Maven Central (src/test/resources/lang/jars, see NOTICE) and fat jars built from them. */
class JavaArchiveScannerTest {
  private final RecordingContext ctx = new RecordingContext();

  private List<Component> scan(String path, byte[] archive) {
    return new JavaArchiveScanner(ArchiveLimits.of(ctx.maxNestingDepth(), ctx.maxEntryBytes()), ctx)
        .scan(path, new ByteArrayInputStream(archive));
  }

  @Test
  void pomPropertiesGivesMavenPurlAndTheJarsSha256() {
    List<Component> found = scan("app/lib/jopt-simple-5.0.4.jar", bytes(jar("jopt-simple-5.0.4.jar")));
    assertEquals(List.of("pkg:maven/net.sf.jopt-simple/jopt-simple@5.0.4"), purls(found));
    Component c = found.get(0);
    assertEquals("net.sf.jopt-simple", c.getGroup());
    assertEquals("jopt-simple", c.getName());
    assertEquals("5.0.4", c.getVersion());
    assertEquals(Component.Type.LIBRARY, c.getType());
    // sha256sum of the file, computed outside Java
    assertEquals("df26cc58f235f477db07f753ba5a3ab243ebe5789d9f89ecf68dd62ea9a66c28", sha256(c));
    assertEquals(List.of("/app/lib/jopt-simple-5.0.4.jar"), LangComponents.locations(c));
    assertNull(property(c, LangComponents.FALLBACK_PROPERTY));
    assertEquals(List.of(), ctx.warnings);
  }

  @Test
  void shadedJarGivesOneComponentPerPomPropertiesAndTheHashOnlyOnItsOwn() {
    List<Component> found = scan("opt/surefire-api-2.12.4.jar", bytes(jar("surefire-api-2.12.4.jar")));
    assertEquals(List.of("pkg:maven/org.apache.maven.surefire/surefire-api@2.12.4",
        "pkg:maven/org.codehaus.plexus/plexus-utils@3.0.8"), purls(found));
    assertEquals("84f6a8a5ca6072eee7b48592e3e491d7bb85f24faebbc5fcf4c745056d5d8dfb",
        sha256(byPurl(found, "pkg:maven/org.apache.maven.surefire/surefire-api@2.12.4")));
    assertNull(sha256(byPurl(found, "pkg:maven/org.codehaus.plexus/plexus-utils@3.0.8")));
    found.forEach(c -> assertEquals(List.of("/opt/surefire-api-2.12.4.jar"), LangComponents.locations(c)));
  }

  @Test
  void manifestFallbackIsMarkedAndBestEffort() {
    Component guardian = scan("x/apiguardian-api-1.1.2.jar", bytes(jar("apiguardian-api-1.1.2.jar"))).get(0);
    assertEquals("pkg:maven/org.apiguardian/apiguardian-api@1.1.2", guardian.getPurl());
    assertEquals("MANIFEST.MF", property(guardian, LangComponents.FALLBACK_PROPERTY));
    assertEquals("b509448ac506d607319f182537f0b35d71007582ec741832a1f111e5b5b70b38", sha256(guardian));
    Component opentest = scan("x/opentest4j-1.3.0.jar", bytes(jar("opentest4j-1.3.0.jar"))).get(0);
    assertEquals("pkg:maven/org.opentest4j/opentest4j@1.3.0", opentest.getPurl());
    assertEquals("MANIFEST.MF", property(opentest, LangComponents.FALLBACK_PROPERTY));
  }

  @Test
  void fileNameFallbackWithoutGroupHasNoPurl() {
    List<Component> found = scan("lib/tool-2.1.jar", zip("README", "hello".getBytes()));
    assertEquals(1, found.size());
    assertNull(found.get(0).getPurl());
    assertEquals("tool", found.get(0).getName());
    assertEquals("2.1", found.get(0).getVersion());
    assertEquals("file-name", property(found.get(0), LangComponents.FALLBACK_PROPERTY));
  }

  @Test
  void springBootFatJarReadsEveryNestedJarFromTheStream() throws Exception {
    String[] names = {"jopt-simple-5.0.4.jar", "failureaccess-1.0.1.jar", "surefire-api-2.12.4.jar",
        "apiguardian-api-1.1.2.jar", "opentest4j-1.3.0.jar"};
    Object[] entries = new Object[4 + 2 * names.length];
    entries[0] = "META-INF/MANIFEST.MF";
    entries[1] = "Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n".getBytes();
    entries[2] = pomPath("com.example", "demo");
    entries[3] = pomProperties("com.example", "demo", "0.0.1");
    for (int i = 0; i < names.length; i++) {
      entries[4 + 2 * i] = "BOOT-INF/lib/" + names[i];
      entries[5 + 2 * i] = bytes(jar(names[i]));
    }
    byte[] fat = zip(entries);
    List<Component> found = scan("app/demo-0.0.1.jar", fat);
    assertEquals(List.of("pkg:maven/com.example/demo@0.0.1",
        "pkg:maven/com.google.guava/failureaccess@1.0.1",
        "pkg:maven/net.sf.jopt-simple/jopt-simple@5.0.4",
        "pkg:maven/org.apache.maven.surefire/surefire-api@2.12.4",
        "pkg:maven/org.apiguardian/apiguardian-api@1.1.2",
        "pkg:maven/org.codehaus.plexus/plexus-utils@3.0.8",
        "pkg:maven/org.opentest4j/opentest4j@1.3.0"), purls(found));
    Component demo = byPurl(found, "pkg:maven/com.example/demo@0.0.1");
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fat)), sha256(demo));
    assertEquals(List.of("/app/demo-0.0.1.jar"), LangComponents.locations(demo));
    Component jopt = byPurl(found, "pkg:maven/net.sf.jopt-simple/jopt-simple@5.0.4");
    assertEquals(List.of("/app/demo-0.0.1.jar!/BOOT-INF/lib/jopt-simple-5.0.4.jar"), LangComponents.locations(jopt));
    assertEquals("df26cc58f235f477db07f753ba5a3ab243ebe5789d9f89ecf68dd62ea9a66c28", sha256(jopt));
    assertEquals(List.of(), ctx.warnings);
  }

  @Test
  void warLibrariesAreFound() {
    byte[] war = zip("WEB-INF/web.xml", "<web-app/>".getBytes(),
        "WEB-INF/lib/failureaccess-1.0.1.jar", bytes(jar("failureaccess-1.0.1.jar")));
    List<Component> found = scan("srv/webapps/shop.war", war);
    assertEquals(List.of("pkg:maven/com.google.guava/failureaccess@1.0.1"), purls(found));
    assertEquals(List.of("/srv/webapps/shop.war!/WEB-INF/lib/failureaccess-1.0.1.jar"),
        LangComponents.locations(found.get(0)));
    assertTrue(ctx.warnings.contains("srv/webapps/shop.war: Java archive without pom.properties, usable "
        + "MANIFEST.MF or versioned file name"), ctx.warnings.toString());
  }

  @Test
  void nestingBeyondTheDepthLimitIsWarnedAndTheRestKept() {
    byte[] inner = zip(pomPath("g", "level6"), pomProperties("g", "level6", "1"));
    for (int level = 5; level >= 0; level--) {
      inner = zip(pomPath("g", "level" + level), pomProperties("g", "level" + level, "1"),
          "lib/level" + (level + 1) + ".jar", inner);
    }
    List<Component> found = scan("deep.jar", inner);
    assertEquals(List.of("pkg:maven/g/level0@1", "pkg:maven/g/level1@1", "pkg:maven/g/level2@1",
        "pkg:maven/g/level3@1", "pkg:maven/g/level4@1"), purls(found));
    assertEquals(List.of("deep.jar!/lib/level1.jar!/lib/level2.jar!/lib/level3.jar!/lib/level4.jar!/lib/level5.jar"
        + ": nested deeper than 4 archives; not read"), ctx.warnings);
  }

  @Test
  void notAZipAndTruncatedJarsAreWarnings() {
    assertEquals(List.of(), scan("junk-1.0.jar", "this is not a zip".getBytes()));
    assertEquals(List.of("junk-1.0.jar: not a zip archive (no entries); skipped"), ctx.warnings);
    byte[] real = bytes(jar("surefire-api-2.12.4.jar"));
    byte[] half = java.util.Arrays.copyOf(real, real.length / 2);
    scan("half.jar", half);
    assertTrue(ctx.warnings.stream().anyMatch(w -> w.startsWith("half.jar: ")), ctx.warnings.toString());
  }
}
