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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;

/** Real package.json files of installed npm packages (src/test/resources/lang/npm, see NOTICE). */
class NpmCatalogerTest {
  private final RecordingContext ctx = new RecordingContext();
  private final NpmCataloger cataloger = new NpmCataloger();

  private void offer(String path, byte[] content) {
    if (cataloger.wants(path)) {
      cataloger.read(path, new ByteArrayInputStream(content), ctx);
    }
  }

  @Test
  void installedPackagesIncludingScopedAndNestedOnes() throws IOException {
    Path root = Fixtures.root().resolve("npm");
    List<String> files = Fixtures.files(root);
    assertEquals(6, files.size());
    for (String file : files) {
      try (InputStream in = Files.newInputStream(root.resolve(file))) {
        assertTrue(cataloger.wants("usr/src/app/" + file), file);
        cataloger.read("usr/src/app/" + file, in, ctx);
      }
    }
    List<Component> found = cataloger.components(ctx);
    assertEquals(List.of("pkg:npm/%40sigstore/bundle@5.0.1", "pkg:npm/%40sigstore/core@4.0.1",
        "pkg:npm/fdir@6.5.0", "pkg:npm/picomatch@4.0.4", "pkg:npm/tinyglobby@0.2.17",
        "pkg:npm/util-deprecate@1.0.2"), purls(found));
    Component core = byPurl(found, "pkg:npm/%40sigstore/core@4.0.1");
    assertEquals("@sigstore", core.getGroup());
    assertEquals("core", core.getName());
    assertEquals("Apache-2.0", core.getLicenses().getLicenses().get(0).getId());
    assertEquals(List.of("/usr/src/app/node_modules/@sigstore/core/package.json"), LangComponents.locations(core));
    Component fdir = byPurl(found, "pkg:npm/fdir@6.5.0");
    assertEquals(List.of("/usr/src/app/node_modules/tinyglobby/node_modules/fdir/package.json"),
        LangComponents.locations(fdir));
    assertEquals("MIT", fdir.getLicenses().getLicenses().get(0).getId());
    assertNull(fdir.getGroup());
    assertEquals(List.of(), ctx.warnings);
  }

  @Test
  void onlyPackageDirectoriesUnderNodeModulesAreWanted() {
    assertFalse(cataloger.wants("usr/src/app/package.json"));
    assertFalse(cataloger.wants("node_modules/glob/dist/esm/package.json"));
    assertFalse(cataloger.wants("node_modules/@scope/package.json"));
    assertFalse(cataloger.wants("node_modules/.bin/package.json"));
    assertFalse(cataloger.wants("node_modules/x/package.json.bak"));
    assertTrue(cataloger.wants("node_modules/glob/package.json"));
    assertTrue(cataloger.wants("a/node_modules/b/node_modules/@s/c/package.json"));
  }

  @Test
  void badPackageJsonFilesAreWarningsAndTheRestIsKept() {
    offer("node_modules/broken/package.json", "{\"name\": \"broken\", \"version\": ".getBytes());
    offer("node_modules/html/package.json", "<html>not json</html>".getBytes());
    offer("node_modules/array/package.json", "[1, 2]".getBytes());
    offer("node_modules/anon/package.json", "{\"version\": \"1.0.0\"}".getBytes());
    offer("node_modules/bad/package.json", "{\"name\": \"../../etc\", \"version\": \"1\"}".getBytes());
    byte[] huge = new byte[NpmPackageJson.MAX_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    offer("node_modules/huge/package.json", huge);
    offer("node_modules/deep/package.json", ("[".repeat(100_000)).getBytes());
    offer("node_modules/ok/package.json",
        "{\"name\": \"ok\", \"version\": \"2.0.0\", \"licenses\": [{\"type\": \"MIT\"}, {\"type\": \"Apache-2.0\"}]}"
            .getBytes());
    List<Component> found = cataloger.components(ctx);
    assertEquals(List.of("pkg:npm/ok@2.0.0"), purls(found));
    assertEquals("MIT OR Apache-2.0", found.get(0).getLicenses().getExpression().getValue());
    assertEquals(7, ctx.warnings.size(), ctx.warnings.toString());
    assertTrue(ctx.warnings.get(0).startsWith("node_modules/broken/package.json: package.json is not JSON"));
    assertTrue(ctx.warnings.get(1).startsWith("node_modules/html/package.json: package.json is not JSON"));
    assertEquals("node_modules/array/package.json: package.json is not a JSON object; skipped",
        ctx.warnings.get(2));
    assertEquals("node_modules/anon/package.json: package.json without a name and version; skipped",
        ctx.warnings.get(3));
    assertEquals("node_modules/bad/package.json: package.json with an invalid npm name; skipped",
        ctx.warnings.get(4));
    assertEquals("node_modules/huge/package.json: package.json larger than 1048576 bytes; skipped",
        ctx.warnings.get(5));
    assertTrue(ctx.warnings.get(6).startsWith("node_modules/deep/package.json: package.json is not JSON"),
        ctx.warnings.get(6));
  }
}
