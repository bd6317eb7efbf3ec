package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChartMetadataTest {
  static ChartMetadata parse(String yaml) {
    return ChartMetadata.parse(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hashtestVectorMarshalsToTheProvBodyByteForByte() {
    ChartMetadata m = ChartMetadata.parse(HelmVectors.bytes("hashtest/Chart.yaml"));
    String prov = new String(HelmVectors.bytes("hashtest-1.2.3.tgz.prov"), StandardCharsets.UTF_8);
    String body = prov.substring(prov.indexOf("\n\n") + 2, prov.indexOf("\n...\n"));
    assertEquals(body, m.toYaml());
    String msgblock = new String(HelmVectors.bytes("msgblock.yaml"), StandardCharsets.UTF_8);
    assertTrue(msgblock.startsWith(m.toYaml() + "\n...\n"));
    assertEquals("hashtest", m.name());
    assertEquals("1.2.3", m.version());
    assertEquals("v1", m.apiVersion());
    assertEquals(Optional.empty(), m.appVersion());
    assertEquals(Optional.of("Test chart versioning"), m.description());
    assertEquals("hashtest-1.2.3.tgz", m.archiveFileName());
  }

  @Test
  void jsonShapeUsesHelmFieldNamesAndOrderAndOmitsEmpties() {
    ChartMetadata m = parse("apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"1.16\"\n"
        + "maintainers:\n- name: Ann\n  email: ann@example.com\nkeywords: [a, b]\ntype: application\n"
        + "dependencies:\n- name: db\n  version: ~1.2\n  repository: https://charts.example.com\n"
        + "  import-values: [data, {child: c, parent: p}]\n  enabled: true\n");
    assertEquals("{\"name\":\"web\",\"version\":\"0.1.0\",\"keywords\":[\"a\",\"b\"],"
        + "\"maintainers\":[{\"name\":\"Ann\",\"email\":\"ann@example.com\"}],\"apiVersion\":\"v2\","
        + "\"appVersion\":\"1.16\",\"dependencies\":[{\"name\":\"db\",\"version\":\"~1.2\","
        + "\"repository\":\"https://charts.example.com\",\"enabled\":true,"
        + "\"import-values\":[\"data\",{\"child\":\"c\",\"parent\":\"p\"}]}],\"type\":\"application\"}",
        m.toJson().toString());
    assertEquals("apiVersion: v2\nappVersion: \"1.16\"\ndependencies:\n- enabled: true\n  import-values:\n"
        + "  - data\n  - child: c\n    parent: p\n  name: db\n  repository: https://charts.example.com\n"
        + "  version: ~1.2\nkeywords:\n- a\n- b\nmaintainers:\n- email: ann@example.com\n  name: Ann\n"
        + "name: web\ntype: application\nversion: 0.1.0\n", m.toYaml());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain text|plain text",
      "true|\"true\"",
      "yes|\"yes\"",
      "Off|\"Off\"",
      "1.0|\"1.0\"",
      "10|\"10\"",
      "0x1F|\"0x1F\"",
      "1e3|\"1e3\"",
      "~|\"~\"",
      "null|\"null\"",
      "2015-02-24|\"2015-02-24\"",
      "2015-02-30|2015-02-30",
      "1:20|\"1:20\"",
      "a: b|'a: b'",
      "a:b|a:b",
      "Hello #comment|'Hello #comment'",
      "a#b|a#b",
      "- x|'- x'",
      "-x|-x",
      "'q'|'''q'''",
      "@at|'@at'",
      "% pct|'% pct'",
      "`  lead`|'  lead'",
      "`trail `|'trail '",
      "你好 ünïcödé|你好 ünïcödé",
      "tab\there|\"tab\\there\"",
      "quote\"inside|quote\"inside",
      "back\\slash|back\\slash",
      "...|'...'",
      "---x|'---x'",
      "<foo>|<foo>",
      "https://example.com/a?b=c|https://example.com/a?b=c",
  })
  void annotationValuesAreQuotedOnlyWhereGoYamlQuotes(String value, String expected) {
    String json = "{\"apiVersion\":\"v2\",\"name\":\"c\",\"version\":\"1.0.0\",\"annotations\":{\"k\":"
        + new com.fasterxml.jackson.databind.node.TextNode(value) + "}}";
    ChartMetadata m = ChartMetadata.parse(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(value, m.annotations().get("k"));
    assertEquals("annotations:\n  k: " + expected + "\napiVersion: v2\nname: c\nversion: 1.0.0\n", m.toYaml());
  }

  @Test
  void emptyStringAndEmojiAreDoubleQuoted() {
    ChartMetadata m = parse("apiVersion: v2\nname: c\nversion: 1.0.0\nannotations:\n  e: \"\"\n  s: \"\uD83D\uDE00 ok\"\n"
        + "  nbsp: \"a\u00a0b\"\n");
    assertEquals("annotations:\n  e: \"\"\n  nbsp: a\u00a0b\n  s: \"\\U0001F600 ok\"\napiVersion: v2\nname: c\n"
        + "version: 1.0.0\n", m.toYaml());
  }

  @Test
  void multiLineAnnotationIsALiteralBlockAndDescriptionIsSanitised() {
    ChartMetadata m = parse("apiVersion: v2\nname: c\nversion: 1.0.0\ndescription: |\n  line one\n  line\ttwo\n"
        + "annotations:\n  notes: |\n    first\n\n    third\n  keep: \"x\\n\\n\"\n  lead: \"\\n x\"\n"
        + "  trail: \"a \\nb\"\n");
    assertEquals("line one line two ", m.description().orElseThrow());
    assertEquals("annotations:\n  keep: |+\n    x\n\n  lead: |2-\n\n     x\n  notes: |\n    first\n\n    third\n"
        + "  trail: \"a \\nb\"\napiVersion: v2\ndescription: 'line one line two '\nname: c\nversion: 1.0.0\n",
        m.toYaml());
  }

  @Test
  void longPlainScalarsFoldAfterColumnEighty() {
    String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
        + "sigma tau upsilon phi chi psi omega";
    ChartMetadata m = parse("apiVersion: v2\nname: c\nversion: 1.0.0\ndescription: " + words + "\n"
        + "keywords:\n- " + words + "\n");
    // "description: " is 13 columns; the first space after column 80 becomes a line break + 2-space indent.
    assertEquals("apiVersion: v2\ndescription: alpha beta gamma delta epsilon zeta eta theta iota kappa lambda "
        + "mu nu\n  xi omicron pi rho sigma tau upsilon phi chi psi omega\n"
        + "keywords:\n- alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron\n"
        + "  pi rho sigma tau upsilon phi chi psi omega\nname: c\nversion: 1.0.0\n", m.toYaml());
  }

  @Test
  void keysSortAsGoYamlDoesWithNumbersByValue() {
    ChartMetadata m = parse("apiVersion: v2\nname: c\nversion: 1.0.0\nannotations:\n  a10: x\n  a2: x\n  B: x\n"
        + "  a.b: x\n  \"1\": x\n  _u: x\n  \"true\": x\n");
    assertEquals("annotations:\n  _u: x\n  \"1\": x\n  B: x\n  a.b: x\n  a2: x\n  a10: x\n  \"true\": x\n"
        + "apiVersion: v2\nname: c\nversion: 1.0.0\n", m.toYaml());
  }

  @Test
  void plainScalarsAreTypedAsGoYamlTypesThem() {
    ChartMetadata m = parse("apiVersion: v1\nname: c\nversion: 1.10\nappVersion: 1.0\nkubeVersion: yes\n"
        + "home: 0x10\nicon: 2020-01-02\ndeprecated: on\n");
    assertEquals("1.1", m.version());
    assertEquals(Optional.of("1"), m.appVersion());
    assertEquals(Optional.of("true"), m.kubeVersion());
    assertEquals(Optional.of("16"), m.home());
    assertEquals(Optional.of("2020-01-02"), m.icon());
    assertTrue(m.deprecated());
  }

  @Test
  void fieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreIgnored() {
    ChartMetadata m = parse("APIVersion: v2\nNAME: c\nVersion: 1.0.0\nfuture: {x: 1}\n");
    assertEquals("c", m.name());
    assertEquals("apiVersion: v2\nname: c\nversion: 1.0.0\n", m.toYaml());
  }

  @Test
  void withVersionAndAppVersionRevalidate() {
    ChartMetadata m = parse("apiVersion: v2\nname: c\nversion: 1.0.0\n");
    assertEquals("2.0.0-rc.1", m.withVersion("2.0.0-rc.1").version());
    assertEquals(Optional.of("9.9"), m.withAppVersion("9.9").appVersion());
    assertThrows(InvalidInputException.class, () -> m.withVersion("not-a-version"));
    assertEquals(m, parse("name: c\nversion: 1.0.0\napiVersion: v2\n"));
    assertFalse(m.equals(m.withVersion("1.0.1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "v1.2.3", "1.2", "1", "01.2.3", "1.2.3-alpha.1+build.5", "1.2.3+meta-1"})
  void helmAcceptsTheseVersions(String v) {
    assertEquals(v, parse("apiVersion: v2\nname: c\nversion: \"" + v + "\"\n").version());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3.4", "latest", "1.2.3-", "1.2.3+", "a1.2.3", "1..2", "18446744073709551616.0.0"})
  void helmRefusesTheseVersions(String v) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> parse("apiVersion: v2\nname: c\nversion: \"" + v + "\"\n"));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }
}
