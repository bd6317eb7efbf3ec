package dev.countersign.sbom.internal.lang;

import static dev.countersign.sbom.internal.lang.Fixtures.byPurl;
import static dev.countersign.sbom.internal.lang.Fixtures.purls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;

/** Real METADATA / PKG-INFO files of installed distributions (src/test/resources/lang/python, see NOTICE). */
class PythonCatalogerTest {
  private static final String SITE = "usr/lib/python3/dist-packages/";
  private final RecordingContext ctx = new RecordingContext();
  private final PythonCataloger cataloger = new PythonCataloger();

  private void offer(String path, String content) {
    assertTrue(cataloger.wants(path), path);
    cataloger.read(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), ctx);
  }

  @Test
  void distInfoAndEggInfoDistributions() throws IOException {
    Path root = Fixtures.root().resolve("python");
    List<String> files = Fixtures.files(root);
    assertEquals(5, files.size());
    for (String file : files) {
      try (InputStream in = Files.newInputStream(root.resolve(file))) {
        assertTrue(cataloger.wants(SITE + file), file);
        cataloger.read(SITE + file, in, ctx);
      }
    }
    List<Component> found = cataloger.components(ctx);
    assertEquals(List.of("pkg:pypi/cryptography@38.0.4", "pkg:pypi/pyjwt@2.6.0", "pkg:pypi/pyparsing@3.0.9",
        "pkg:pypi/pyyaml@6.0", "pkg:pypi/six@1.16.0"), purls(found));
    Component crypto = byPurl(found, "pkg:pypi/cryptography@38.0.4");
    assertEquals("BSD-3-Clause OR Apache-2.0", crypto.getLicenses().getExpression().getValue());
    assertEquals(List.of("/" + SITE + "cryptography-38.0.4.dist-info/METADATA"), LangComponents.locations(crypto));
    Component yaml = byPurl(found, "pkg:pypi/pyyaml@6.0");
    assertEquals("PyYAML", yaml.getName());
    assertEquals("MIT", yaml.getLicenses().getLicenses().get(0).getId());
    // no License header; the word "License" in the description body after the headers is not read
    Component pyparsing = byPurl(found, "pkg:pypi/pyparsing@3.0.9");
    assertEquals("MIT License", pyparsing.getLicenses().getLicenses().get(0).getName());
    assertNull(pyparsing.getLicenses().getLicenses().get(0).getId());
    assertEquals(List.of("/" + SITE + "six-1.16.0.egg-info/PKG-INFO"),
        LangComponents.locations(byPurl(found, "pkg:pypi/six@1.16.0")));
    assertEquals(List.of(), ctx.warnings);
  }

  @Test
  void pep503Normalisation() {
    assertEquals("zope-interface", PythonMetadata.normalize("zope.interface"));
    assertEquals("friendly-bard", PythonMetadata.normalize("Friendly-Bard"));
    assertEquals("friendly-bard", PythonMetadata.normalize("FRIENDLY__bard"));
    assertEquals("friendly-bard", PythonMetadata.normalize("friendly.-_bard"));
    assertEquals("lazr-uri", PythonMetadata.normalize("lazr.uri"));
  }

  @Test
  void licenseExpressionWinsAndEggInfoFilesAreRead() {
    offer("lib/site-packages/Zope.Interface-6.0.egg-info",
        "Metadata-Version: 2.4\nName: Zope.Interface\nVersion: 6.0\nLicense: ZPL 2.1\n"
            + "License-Expression: ZPL-2.1\n\nbody\n");
    Component zope = cataloger.components(ctx).get(0);
    assertEquals("pkg:pypi/zope-interface@6.0", zope.getPurl());
    assertEquals("ZPL-2.1", zope.getLicenses().getLicenses().get(0).getId());
  }

  @Test
  void missingNameOrVersionAndOddInputAreWarnings() {
    offer("a/x.dist-info/METADATA", "Metadata-Version: 2.1\nVersion: 1.0\n");
    offer("a/y.dist-info/METADATA", "Metadata-Version: 2.1\nName: y\n");
    offer("a/z.dist-info/METADATA", "\u0000\u0001garbage without headers");
    offer("a/w.dist-info/METADATA", "Name: " + "w".repeat(3 << 20) + "\nVersion: 1\n");
    offer("a/v.dist-info/METADATA", "Name: ../../v\nVersion: 1\n");
    assertEquals(List.of(), cataloger.components(ctx));
    assertEquals(List.of("a/x.dist-info/METADATA: Python metadata without a Name header; skipped",
        "a/y.dist-info/METADATA: Python metadata for y without a Version header; skipped",
        "a/z.dist-info/METADATA: Python metadata without a Name header; skipped",
        "a/w.dist-info/METADATA: Python metadata with an invalid Name; skipped",
        "a/v.dist-info/METADATA: Python metadata with an invalid Name; skipped"), ctx.warnings);
    assertFalse(cataloger.wants("a/x.dist-info/RECORD"));
  }
}
