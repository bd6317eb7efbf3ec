package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimpleSigningPayloadTest {
  static final String HEX = "634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00";
  static final Digest DIGEST = Digest.parse("sha256:" + HEX);
  static final String CRITICAL = "{\"identity\":{\"docker-reference\":\"r.example/app\"},\"image\":"
      + "{\"docker-manifest-digest\":\"sha256:" + HEX + "\"},\"type\":\"cosign container image signature\"}";

  private static SimpleSigningPayload parse(String json) {
    return SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String parseError(String json) {
    return assertThrows(InvalidInputException.class, () -> parse(json)).getMessage();
  }

  @Test
  void writesCosignsCompactFormWithNullOptional() {
    assertEquals("{\"critical\":" + CRITICAL + ",\"optional\":null}",
        SimpleSigningPayload.of("r.example/app", DIGEST, Map.of()).json());
  }

  @Test
  void annotationsAreSortedAndEscapedAsGoWritesThem() {
    SimpleSigningPayload p = SimpleSigningPayload.of("r.example/app", DIGEST,
        Map.of("z", "last", "a", "<b>&\"q\"\n\u2028é", "\u00e9", "1", "\uD83D\uDE00", "2"));
    assertEquals("{\"critical\":" + CRITICAL + ",\"optional\":{\"a\":\"\\u003cb\\u003e\\u0026\\\"q\\\"\\n\\u2028é\","
        + "\"z\":\"last\",\"é\":\"1\",\"\uD83D\uDE00\":\"2\"}}", p.json());
    SimpleSigningPayload back = SimpleSigningPayload.parse(p.bytes());
    assertEquals(p.annotations(), back.annotations());
    assertArrayEquals(p.bytes(), back.bytes());
  }

  @Test
  void parsesWhatItWrites() {
    SimpleSigningPayload p = parse("{\"critical\":" + CRITICAL + ",\"optional\":{\"k\":\"v\",\"n\":3,"
        + "\"nested\":{\"x\":[1]},\"creator\":\"me\",\"timestamp\":1700000000}}");
    assertEquals("r.example/app", p.dockerReference());
    assertEquals(DIGEST, p.manifestDigest());
    assertEquals(Map.of("k", "v", "creator", "me"), p.annotations());
  }

  @Test
  void keyOrderAndWhitespaceDoNotMatterWhenReading() {
    SimpleSigningPayload p = parse(" { \"optional\" : null , \"critical\" : {\"type\":\"cosign container image "
        + "signature\",\"image\":{\"docker-manifest-digest\":\"sha256:" + HEX + "\"},\"identity\":"
        + "{\"docker-reference\":\"x/y\"}} } ");
    assertEquals("x/y", p.dockerReference());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"critical\":CRIT}|missing 'optional'",
      "{\"critical\":CRIT,\"optional\":null,\"extra\":1}|unexpected key(s) [extra]",
      "{\"critical\":CRIT,\"optional\":[]}|must be an object or null",
      "{\"critical\":CRIT,\"optional\":{\"creator\":5}}|optional.creator must be a string",
      "{\"critical\":CRIT,\"optional\":{\"timestamp\":\"x\"}}|optional.timestamp must be a number",
      "{\"optional\":null}|missing 'critical'",
      "{\"critical\":null,\"optional\":null}|critical must be an object",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:HEX\"},"
          + "\"type\":\"cosign container image signature\",\"extra\":true},\"optional\":null}|critical has unexpected",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\",\"x\":\"y\"},\"image\":{\"docker-manifest-digest\":"
          + "\"sha256:HEX\"},\"type\":\"cosign container image signature\"},\"optional\":null}|critical.identity has",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:HEX\","
          + "\"x\":1},\"type\":\"cosign container image signature\"},\"optional\":null}|critical.image has",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:HEX\"},"
          + "\"type\":\"atomic container signature\"},\"optional\":null}|expected 'cosign container image signature'",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:HEX\"}},"
          + "\"optional\":null}|critical is missing 'type'",
      "{\"critical\":{\"identity\":{\"docker-reference\":7},\"image\":{\"docker-manifest-digest\":\"sha256:HEX\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}|docker-reference must be a string",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:ABC\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}|docker-manifest-digest: sha256 digest",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"md5:00\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}|unsupported digest algorithm",
      "{\"critical\":CRIT,\"critical\":CRIT,\"optional\":null}|Duplicate field 'critical'",
      "{\"critical\":CRIT,\"optional\":{\"k\":\"1\",\"k\":\"2\"}}|Duplicate field 'k'",
      "{\"critical\":{\"identity\":{\"docker-reference\":\"a\",\"docker-reference\":\"b\"},\"image\":"
          + "{\"docker-manifest-digest\":\"sha256:HEX\"},\"type\":\"cosign container image signature\"},"
          + "\"optional\":null}|Duplicate field 'docker-reference'",
      "{\"critical\":CRIT,\"optional\":null} x|not valid JSON",
      "[1]|must be a JSON object",
      "{\"critical\":CRIT,|not valid JSON",
  })
  void refusesMalformedPayloads(String template, String expected) {
    String json = template.replace("CRIT", CRITICAL).replace("HEX", HEX);
    String message = parseError(json);
    assertTrue(message.contains(expected), () -> "'" + message + "' lacks '" + expected + "'");
  }

  @Test
  void refusesOversizedAndEmptyPayloads() {
    assertTrue(parseError("").contains("empty"));
    String big = "{\"critical\":" + CRITICAL + ",\"optional\":{\"k\":\"" + "x".repeat(SimpleSigningPayload.MAX_BYTES)
        + "\"}}";
    assertTrue(parseError(big).contains("exceeds"), parseError(big));
    assertThrows(InvalidInputException.class, () -> SimpleSigningPayload.of("r/app", DIGEST,
        Map.of("k", "x".repeat(SimpleSigningPayload.MAX_BYTES))));
  }

  @Test
  void refusesUnpairedSurrogatesAndEmptyReferences() {
    assertThrows(InvalidInputException.class, () -> SimpleSigningPayload.of("r/app", DIGEST, Map.of("k", "\uD800")));
    assertThrows(InvalidInputException.class, () -> SimpleSigningPayload.of(" ", DIGEST, null));
    assertThrows(InvalidInputException.class, () -> SimpleSigningPayload.of("r/app", DIGEST, Map.of("", "v")));
  }

  @Test
  void deepNestingInOptionalIsRefusedNotACrash() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertTrue(parseError("{\"critical\":" + CRITICAL + ",\"optional\":{\"k\":" + deep + "}}").contains("JSON"));
  }
}
