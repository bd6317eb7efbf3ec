package dev.countersign.core.internal.keys;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON inside a cosign encrypted key:
 * {@code {"kdf":{"name":"scrypt","params":{"N":..,"r":..,"p":..},"salt":".."},"cipher":{"name":"nacl/secretbox",
 * "nonce":".."},"ciphertext":".."}} with standard base64 byte fields. Parsing checks every field's type and size
 * and accepts only the scrypt costs cosign accepts, before any key derivation runs.
 */
public record CosignEnvelope(int n, int r, int p, byte[] salt, byte[] nonce, byte[] ciphertext) {
  /** The scrypt cost parameter this library writes (cosign's current default). */
  public static final int DEFAULT_N = 65536;
  /** Salt length in bytes. */
  public static final int SALT_BYTES = 32;
  /** The (N, r, p) triples cosign accepts; anything else is refused before scrypt runs. */
  public static final List<List<Integer>> ACCEPTED_COSTS =
      List.of(List.of(32768, 8, 1), List.of(65536, 8, 1), List.of(131072, 8, 1));

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public CosignEnvelope {
    if (!ACCEPTED_COSTS.contains(List.of(n, r, p))) {
      throw new InvalidInputException("unsupported scrypt parameters N=" + n + ", r=" + r + ", p=" + p
          + " (accepted: N of 32768, 65536 or 131072 with r=8, p=1)");
    }
  }

  /** Parses and validates the envelope JSON; {@code source} names the key file in messages. */
  public static CosignEnvelope parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(source + ": encrypted cosign key does not hold valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(source + ": encrypted cosign key JSON is not an object");
    }
    JsonNode kdf = object(root, "kdf", source);
    JsonNode cipher = object(root, "cipher", source);
    String kdfName = text(kdf, "name", "kdf.name", source);
    if (!"scrypt".equals(kdfName)) {
      throw new InvalidInputException(source + ": unsupported key derivation '" + abbreviate(kdfName)
          + "' (cosign keys use scrypt)");
    }
    String cipherName = text(cipher, "name", "cipher.name", source);
    if (!"nacl/secretbox".equals(cipherName)) {
      throw new InvalidInputException(source + ": unsupported cipher '" + abbreviate(cipherName)
          + "' (cosign keys use nacl/secretbox)");
    }
    JsonNode params = object(kdf, "params", source);
    BigInteger n = integer(params, "N", source);
    BigInteger r = integer(params, "r", source);
    BigInteger p = integer(params, "p", source);
    if (n.bitLength() > 31 || r.bitLength() > 31 || p.bitLength() > 31) {
      throw new InvalidInputException(source + ": unsupported scrypt parameters N=" + abbreviate(n.toString())
          + ", r=" + abbreviate(r.toString()) + ", p=" + abbreviate(p.toString())
          + " (accepted: N of 32768, 65536 or 131072 with r=8, p=1)");
    }
    byte[] salt = bytes(kdf, "salt", "kdf.salt", source);
    if (salt.length != SALT_BYTES) {
      throw new InvalidInputException(source + ": scrypt salt must be " + SALT_BYTES + " bytes, got " + salt.length);
    }
    byte[] nonce = bytes(cipher, "nonce", "cipher.nonce", source);
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw new InvalidInputException(source + ": secretbox nonce must be " + SecretBox.NONCE_BYTES + " bytes, got "
          + nonce.length);
    }
    byte[] ciphertext = bytes(root, "ciphertext", "ciphertext", source);
    if (ciphertext.length <= SecretBox.TAG_BYTES) {
      throw new InvalidInputException(source + ": ciphertext is truncated (" + ciphertext.length
          + " bytes, shorter than the " + SecretBox.TAG_BYTES + "-byte tag plus a key)");
    }
    try {
      return new CosignEnvelope(n.intValue(), r.intValue(), p.intValue(), salt, nonce, ciphertext);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage());
    }
  }

  /** Compact JSON in cosign's field order. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode kdf = root.putObject("kdf");
    kdf.put("name", "scrypt");
    kdf.putObject("params").put("N", n).put("r", r).put("p", p);
    kdf.put("salt", Base64.getEncoder().encodeToString(salt));
    root.putObject("cipher").put("name", "nacl/secretbox").put("nonce", Base64.getEncoder().encodeToString(nonce));
    root.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode object(JsonNode parent, String field, String source) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isObject()) {
      throw new InvalidInputException(source + ": encrypted cosign key needs a JSON object '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode parent, String field, String path, String source) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(source + ": encrypted cosign key needs a string '" + path + "'");
    }
    return v.textValue();
  }

  private static BigInteger integer(JsonNode parent, String field, String source) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new InvalidInputException(source + ": encrypted cosign key needs an integer 'kdf.params." + field + "'");
    }
    return v.bigIntegerValue();
  }

  private static byte[] bytes(JsonNode parent, String field, String path, String source) {
    String s = text(parent, field, path, source);
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(source + ": '" + path + "' is not valid base64");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Sizes and costs only; never the bytes. */
  @Override
  public String toString() {
    return "CosignEnvelope{scrypt N=" + n + " r=" + r + " p=" + p + ", ciphertext " + ciphertext.length + " bytes}";
  }
}
