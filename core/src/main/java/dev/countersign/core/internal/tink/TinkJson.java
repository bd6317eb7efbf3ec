package dev.countersign.core.internal.tink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks Tink JSON keyset text before Tink parses it: size cap, strict UTF-8, bounded nesting, and the shape of a
 * cleartext keyset ({@code primaryKeyId}, {@code key} array) or an encrypted one ({@code encryptedKeyset}).
 */
public final class TinkJson {
  /** Largest keyset file read, in bytes (1 MiB). */
  public static final int MAX_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The two kinds of Tink JSON keyset document. */
  public enum Shape {
    /** {@code {"primaryKeyId": ..., "key": [...]}}: cleartext private keys or public keys. */
    KEYSET,
    /** {@code {"encryptedKeyset": "...", "keysetInfo": {...}}}: keys encrypted with an AEAD. */
    ENCRYPTED
  }

  private TinkJson() {}

  /**
   * Validates {@code content} as a Tink JSON keyset of {@code expected} shape and returns it as text for Tink.
   *
   * @throws InvalidInputException naming what is wrong
   */
  public static String check(byte[] content, Shape expected) {
    Shape actual = shape(parse(content));
    if (actual != expected) {
      throw new InvalidInputException(actual == Shape.ENCRYPTED
          ? "this Tink keyset is encrypted (it has 'encryptedKeyset'); read it with the AEAD that protects it"
          : "this Tink keyset is not encrypted (it has no 'encryptedKeyset'); read it as a cleartext or public keyset");
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  /** Whether {@code content} looks like a Tink JSON keyset of either shape; never throws. */
  public static boolean looksLikeKeyset(byte[] content) {
    try {
      shape(parse(content));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static JsonNode parse(byte[] content) {
    if (content == null || content.length == 0) {
      throw new InvalidInputException("Tink keyset is empty");
    }
    if (content.length > MAX_BYTES) {
      throw new InvalidInputException("Tink keyset is " + content.length + " bytes, more than the "
          + MAX_BYTES + " bytes accepted");
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("Tink keyset is not UTF-8 text");
    }
    try {
      return MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote input text, which can be key material: report the position only.
      JsonLocation at = e.getLocation();
      throw new InvalidInputException("Tink keyset is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("Tink keyset is not valid JSON");
    }
  }

  private static Shape shape(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("Tink keyset is not a JSON object");
    }
    if (root.has("encryptedKeyset")) {
      if (!root.get("encryptedKeyset").isTextual()) {
        throw new InvalidInputException("Tink encrypted keyset: 'encryptedKeyset' is not a base64 string");
      }
      return Shape.ENCRYPTED;
    }
    JsonNode keys = root.get("key");
    if (keys == null || !keys.isArray() || keys.isEmpty()) {
      throw new InvalidInputException("Tink keyset has no 'key' array (nor 'encryptedKeyset')");
    }
    JsonNode primary = root.get("primaryKeyId");
    if (primary == null || !primary.isIntegralNumber()) {
      throw new InvalidInputException("Tink keyset has no numeric 'primaryKeyId'");
    }
    for (JsonNode k : keys) {
      if (!k.isObject() || (k.has("keyData") && !k.get("keyData").isObject())) {
        throw new InvalidInputException("Tink keyset: every entry of 'key' must be an object, with 'keyData' an"
            + " object");
      }
    }
    return Shape.KEYSET;
  }
}
