package dev.countersign.core.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.Base64Text;
import dev.countersign.core.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * cosign's JSON form of an RFC 3161 timestamp, {@code {"SignedRFC3161Timestamp":"<base64 DER TimeStampResp>"}}: the
 * value of the {@code dev.sigstore.cosign/rfc3161timestamp} layer annotation on legacy image signatures and
 * attestations, and the file {@code cosign sign-blob --rfc3161-timestamp} writes.
 */
public final class CosignTimestampJson {
  /** The layer annotation holding the JSON on cosign's legacy signature and attestation layers. */
  public static final String ANNOTATION = "dev.sigstore.cosign/rfc3161timestamp";

  private static final int MAX_BYTES = 1 << 20;

  private CosignTimestampJson() {}

  /** The JSON for a DER {@code TimeStampResp}. */
  public static String write(byte[] timeStampResponse) {
    if (Objects.requireNonNull(timeStampResponse, "timeStampResponse").length == 0) {
      throw new InvalidInputException("RFC 3161 timestamp is empty");
    }
    return "{\"SignedRFC3161Timestamp\":\"" + Base64Text.encode(timeStampResponse) + "\"}";
  }

  /**
   * The DER {@code TimeStampResp} in cosign's JSON.
   *
   * @throws InvalidInputException when the text is not such an object (too large, not JSON, member missing or
   *     not base64)
   */
  public static byte[] parse(String json) {
    byte[] text = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    JsonNode node = StrictJson.parseObject(text, "RFC 3161 timestamp (cosign JSON)", MAX_BYTES);
    byte[] der = StrictJson.base64(node, "SignedRFC3161Timestamp", "SignedRFC3161Timestamp", true);
    if (der.length == 0) {
      throw new InvalidInputException("SignedRFC3161Timestamp is empty");
    }
    return der;
  }
}
