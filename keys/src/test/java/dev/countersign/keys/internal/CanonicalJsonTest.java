package dev.countersign.keys.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String canonical(String json) {
    return new String(CanonicalJson.serialize(ManifestJson.parse(utf8(json), "test", 1 << 20)),
        StandardCharsets.UTF_8);
  }

  /** RFC 8785 section 3.2.2 sample, its "string" and "literals" members (the "numbers" member is floats). */
  @Test
  void rfc8785Section322StringsAndLiterals() {
    String in = "{\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        + "  \"literals\": [null, true, false]\n}";
    String expected = "{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertEquals(expected, canonical(in));
    assertTrue(CanonicalJson.isCanonical(utf8(expected), 1 << 20));
    assertFalse(CanonicalJson.isCanonical(utf8(in), 1 << 20));
  }

  /** RFC 8785 section 3.2.2 sample in full: its numbers are not integers, which this profile refuses. */
  @Test
  void rfc8785Section322NumbersAreRefused() {
    String in = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
        + " \"literals\": [null, true, false]}";
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> canonical(in));
    assertTrue(e.getMessage().contains("$.numbers[0]"), e.getMessage());
  }

  /** RFC 8785 section 3.2.3: members sorted by UTF-16 code units (the emoji's surrogates sort before U+FB33). */
  @Test
  void rfc8785Section323Sorting() {
    String in = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n"
        + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"1\": \"One\",\n"
        + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n  \"\\u0080\": \"Control\",\n"
        + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";
    String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertEquals(expected, canonical(in));
    assertTrue(CanonicalJson.isCanonical(utf8(expected), 1 << 20));
  }

  /** cyberphone/json-canonicalization testdata input/weird.json and output/weird.json (Apache-2.0). */
  @Test
  void cyberphoneWeird() {
    String in = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n"
        + "  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n"
        + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n";
    String expected = "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude02\":\"Smiley\","
        + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertEquals(expected, canonical(in));
  }

  @Test
  void integersAndNesting() {
    assertEquals("{\"a\":[{\"x\":-9007199254740991,\"y\":0}],\"b\":9007199254740991}",
        canonical("{\"b\": 9007199254740991, \"a\": [{\"y\": 0, \"x\": -9007199254740991}]}"));
    assertThrows(InvalidInputException.class, () -> canonical("{\"a\": 9007199254740992}"));
    assertThrows(InvalidInputException.class, () -> canonical("{\"a\": 123456789012345678901234567890}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\": 1}", // whitespace
      "{\"b\":1,\"a\":2}", // unsorted
      "{\"a\":\"\\/\"}", // needless escape
      "{\"a\":\"\\u000F\"}", // upper-case hex
      "{\"a\":\"\\u00e9\"}", // escaped non-control character
      "{\"a\":1.0}", // float
      "{\"a\":1e2}", // exponent
      "{\"a\":-0}", // negative zero
      "{\"a\":1,\"a\":1}", // duplicate names
      "{\"a\":\"\\ud800\"}", // lone surrogate
      "{\"a\":1}\n", // trailing newline
      "{\"a\":1} {}", // trailing tokens
      "[1]", // not an object
      "{\"a\":tru}"})
  void nonCanonicalInputIsDetected(String json) {
    assertFalse(CanonicalJson.isCanonical(utf8(json), 1 << 20), json);
  }

  @Test
  void invalidUtf8IsNotCanonical() {
    byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertFalse(CanonicalJson.isCanonical(json, 1 << 20));
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    assertFalse(CanonicalJson.isCanonical(overlong, 1 << 20));
  }

  @Test
  void canonicalInputIsAccepted() {
    byte[] json = utf8("{\"a\":\"\\u001f\\t\",\"b\":[true,false,null,-1]}");
    assertTrue(CanonicalJson.isCanonical(json, 1 << 20));
    assertArrayEquals(json, CanonicalJson.serialize(ManifestJson.parse(json, "t", 100)));
    assertFalse(CanonicalJson.isCanonical(json, json.length - 1), "over the size cap");
  }
}
