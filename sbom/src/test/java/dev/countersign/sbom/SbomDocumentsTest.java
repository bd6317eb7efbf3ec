package dev.countersign.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.PredicateTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Importing SBOMs written by syft, cdxgen, the CycloneDX examples and the SPDX specification. */
class SbomDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"syft/cdx-1.5.json,1.5", "syft/cdx-1.6.json,1.6", "syft/micronaut-cdx-1.6.json,1.6",
      "cdxgen/bom-hakit.json,1.6", "bom-examples/laravel-bom.1.4.json,1.4"})
  void cycloneDxJsonIsAttachedAsRead(String name, String version) throws Exception {
    SbomDocument doc = SbomDocuments.defaults().read(Vectors.path(name));
    assertEquals(SbomDocument.Source.CYCLONEDX_JSON, doc.source());
    assertEquals(version, doc.specVersion());
    assertEquals(PredicateTypes.CYCLONEDX, doc.predicateType());
    assertEquals(JSON.readTree(Vectors.bytes(name)), doc.predicate());
  }

  @ParameterizedTest
  @CsvSource({"syft/cdx-1.5.xml,1.5", "syft/cdx-1.6.xml,1.6", "bom-examples/laravel-bom.1.4.xml,1.4"})
  void cycloneDxXmlIsConvertedToJsonOfTheSameVersion(String name, String version) {
    SbomDocument doc = SbomDocuments.defaults().read(Vectors.path(name));
    assertEquals(SbomDocument.Source.CYCLONEDX_XML, doc.source());
    assertEquals(version, doc.specVersion());
    JsonNode p = doc.predicate();
    assertEquals("CycloneDX", p.get("bomFormat").asText());
    assertEquals(version, p.get("specVersion").asText());
    assertTrue(p.get("components").size() > 0);
  }

  @Test
  void xmlAndJsonOfTheSameBomListTheSameComponents() {
    SbomDocument xml = SbomDocuments.defaults().read(Vectors.path("bom-examples/laravel-bom.1.4.xml"));
    SbomDocument json = SbomDocuments.defaults().read(Vectors.path("bom-examples/laravel-bom.1.4.json"));
    Set<String> fromXml = purls(xml.predicate());
    assertEquals(purls(json.predicate()), fromXml);
    assertTrue(fromXml.size() > 50, "laravel lists its composer packages: " + fromXml.size());
    SbomDocument syftXml = SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.xml"));
    assertEquals(purls(SbomDocuments.defaults().read(Vectors.path("syft/cdx-1.6.json")).predicate()),
        purls(syftXml.predicate()));
  }

  @ParameterizedTest
  @CsvSource({"syft/spdx-2.3.json", "spdx-spec/SPDXJSONExample-v2.3.spdx.json"})
  void spdx23JsonIsKeptAsJson(String name) throws Exception {
    SbomDocument doc = SbomDocuments.defaults().read(Vectors.path(name));
    assertEquals(SbomDocument.Source.SPDX_JSON, doc.source());
    assertFalse(doc.isCycloneDx());
    assertEquals("SPDX-2.3", doc.specVersion());
    assertEquals(PredicateTypes.SPDX, doc.predicateType());
    assertEquals(JSON.readTree(Vectors.bytes(name)), doc.predicate());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "syft/cdx-1.7.json|specVersion '1.7' is not supported as JSON; supported: 1.2 to 1.6",
      "syft/cdx-1.1.xml|CycloneDX 1.1 has no JSON form",
      "syft/spdx-3.0.json|SPDX 3 (JSON-LD) is not supported",
      "syft/bad-sbom|neither JSON nor XML"})
  void unsupportedDocumentsAreRefusedByName(String name, String message) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().read(Vectors.path(name)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains(name.substring(name.indexOf('/') + 1)), "names the file: " + e.getMessage());
  }

  @Test
  void duplicateKeysAreRefused() {
    String text = new String(Vectors.bytes("syft/cdx-1.6.json"), StandardCharsets.UTF_8)
        .replace("\"version\": 1,", "\"version\": 1, \"version\": 2,");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().parse(text.getBytes(StandardCharsets.UTF_8), "dup.json"));
    assertTrue(e.getMessage().contains("dup.json is not valid JSON") && e.getMessage().contains("Duplicate field"),
        e.getMessage());
    String spdx = new String(Vectors.bytes("syft/spdx-2.3.json"), StandardCharsets.UTF_8)
        .replace("\"name\": \"go.mod\",", "\"name\": \"go.mod\", \"name\": \"other\",");
    assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().parse(spdx.getBytes(StandardCharsets.UTF_8), "dup.spdx.json"));
  }

  @Test
  void schemaViolationsOfTheDeclaredVersionAreRefused() {
    String text = new String(Vectors.bytes("syft/cdx-1.6.json"), StandardCharsets.UTF_8)
        .replace("\"type\": \"library\"", "\"type\": \"gadget\"");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().parse(text.getBytes(StandardCharsets.UTF_8), "bad.json"));
    assertTrue(e.getMessage().startsWith("bad.json is not valid CycloneDX 1.6"), e.getMessage());
    // 1.6 added "cryptographic-asset"; a 1.5 document must not use it.
    String v15 = new String(Vectors.bytes("syft/cdx-1.5.json"), StandardCharsets.UTF_8)
        .replace("\"type\": \"library\"", "\"type\": \"cryptographic-asset\"");
    assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().parse(v15.getBytes(StandardCharsets.UTF_8), "v15.json"));
  }

  @Test
  void xmlWithADoctypeIsRefusedBeforeAnyParserSeesIt() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components><component "
        + "type=\"library\"><name>&x;</name></component></components></bom>";
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().parse(xxe.getBytes(StandardCharsets.UTF_8), "xxe.xml"));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    InvalidInputException notBom = assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults()
        .parse("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>".getBytes(StandardCharsets.UTF_8), "p"));
    assertTrue(notBom.getMessage().contains("not a CycloneDX <bom>"), notBom.getMessage());
    assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults()
        .parse("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">".getBytes(StandardCharsets.UTF_8), "cut"));
  }

  @Test
  void documentsAboveTheSizeCapAreRefusedBeforeReading() throws Exception {
    SbomDocuments small = SbomDocuments.builder().maxBytes(4096).build();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> small.read(Vectors.path("bom-examples/laravel-bom.1.4.json")));
    assertTrue(e.getMessage().contains("139669 bytes, larger than the SBOM size cap of 4096 bytes"),
        e.getMessage());
    assertEquals(SbomDocuments.DEFAULT_MAX_BYTES, SbomDocuments.defaults().maxBytes());
    Path big = Files.write(dir.resolve("big.json"), new byte[SbomDocuments.DEFAULT_MAX_BYTES + 1]);
    InvalidInputException def = assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults().read(big));
    assertTrue(def.getMessage().contains("16 MiB, the GitHub attest limit"), def.getMessage());
    assertThrows(InvalidInputException.class, () -> SbomDocuments.builder().maxBytes(10));
    assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults().read(dir.resolve("missing.json")));
    assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults().read(dir));
    assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults().parse(" \n".getBytes(), "blank"));
  }

  @Test
  void aBomBuiltInMemoryIsValidatedInItsOwnVersion() {
    Bom bom = new Bom();
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setName("left-pad");
    c.setVersion("1.3.0");
    c.setPurl("pkg:npm/left-pad@1.3.0");
    bom.addComponent(c);
    SbomDocument doc = SbomDocuments.defaults().fromBom(bom, Version.VERSION_15);
    assertEquals(SbomDocument.Source.CYCLONEDX_MODEL, doc.source());
    assertEquals("1.5", doc.specVersion());
    assertEquals(Set.of("pkg:npm/left-pad@1.3.0"), purls(doc.predicate()));
    assertEquals("1.6", SbomDocuments.defaults().fromBom(new Bom()).specVersion());
    Component bad = new Component();
    bad.setName("no type");
    bom.addComponent(bad);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SbomDocuments.defaults().fromBom(bom, Version.VERSION_16));
    assertTrue(e.getMessage().startsWith("CycloneDX BOM is not valid CycloneDX 1.6"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> SbomDocuments.defaults().fromBom(bom, Version.VERSION_11));
  }

  private static Set<String> purls(JsonNode bom) {
    Set<String> out = new TreeSet<>();
    bom.path("components").forEach(c -> out.add(c.path("purl").asText(c.path("name").asText())));
    return out;
  }
}
