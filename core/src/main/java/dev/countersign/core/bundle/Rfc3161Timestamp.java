package dev.countersign.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.Base64Text;
import dev.countersign.core.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RFC 3161 signed timestamp carried in {@code timestampVerificationData.rfc3161Timestamps}. Countersign keeps
 * it (and its JSON, for a lossless rewrite) but does not verify it without a trusted timestamp authority.
 */
public final class Rfc3161Timestamp {
  private final byte[] signedTimestamp;
  private final String json;

  private Rfc3161Timestamp(byte[] signedTimestamp, String json) {
    this.signedTimestamp = signedTimestamp;
    this.json = json;
  }

  /** A timestamp from its DER {@code TimeStampResponse} bytes. */
  public static Rfc3161Timestamp of(byte[] signedTimestamp) {
    if (Objects.requireNonNull(signedTimestamp, "signedTimestamp").length == 0) {
      throw new InvalidInputException("signedTimestamp is empty");
    }
    byte[] copy = signedTimestamp.clone();
    return new Rfc3161Timestamp(copy, "{\"signedTimestamp\":\"" + Base64Text.encode(copy) + "\"}");
  }

  /** Parses the protobuf-JSON object {@code {"signedTimestamp": <base64>}}; other members are kept. */
  public static Rfc3161Timestamp parse(String json) {
    JsonNode node = StrictJson.parseObject(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8),
        "RFC 3161 timestamp");
    byte[] ts = StrictJson.base64(node, "signedTimestamp", "signedTimestamp", true);
    if (ts.length == 0) {
      throw new InvalidInputException("signedTimestamp is empty");
    }
    return new Rfc3161Timestamp(ts, StrictJson.compact(node));
  }

  /** A copy of the signed timestamp bytes. */
  public byte[] signedTimestamp() {
    return signedTimestamp.clone();
  }

  /** Compact JSON of this timestamp as read (unknown members included). */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rfc3161Timestamp && Arrays.equals(signedTimestamp, ((Rfc3161Timestamp) o).signedTimestamp)
        && json.equals(((Rfc3161Timestamp) o).json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signedTimestamp);
  }

  @Override
  public String toString() {
    return "Rfc3161Timestamp{" + signedTimestamp.length + " bytes}";
  }
}
