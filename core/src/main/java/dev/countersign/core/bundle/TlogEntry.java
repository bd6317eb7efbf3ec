package dev.countersign.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A transparency-log (Rekor) entry carried in {@code verificationMaterial.tlogEntries}. Countersign parses the
 * fields it reports and keeps the entry's JSON for a lossless rewrite; it does not verify the entry's inclusion
 * proof or promise without a trusted log key, and reports that as not performed.
 */
public final class TlogEntry {
  private final long logIndex;
  private final byte[] logId;
  private final String kind;
  private final String version;
  private final long integratedTime;
  private final boolean inclusionPromise;
  private final boolean inclusionProof;
  private final byte[] canonicalizedBody;
  private final String json;

  private TlogEntry(JsonNode n) {
    this.logIndex = StrictJson.int64(n, "logIndex", "logIndex", true, 0);
    JsonNode id = StrictJson.object(n, "logId", "logId", true);
    this.logId = StrictJson.base64(id, "keyId", "logId.keyId", true);
    JsonNode kv = StrictJson.object(n, "kindVersion", "kindVersion", true);
    this.kind = StrictJson.string(kv, "kind", "kindVersion.kind", true);
    this.version = StrictJson.string(kv, "version", "kindVersion.version", true);
    this.integratedTime = StrictJson.int64(n, "integratedTime", "integratedTime", false, 0);
    JsonNode promise = StrictJson.object(n, "inclusionPromise", "inclusionPromise", false);
    if (promise != null) {
      StrictJson.base64(promise, "signedEntryTimestamp", "inclusionPromise.signedEntryTimestamp", true);
    }
    this.inclusionPromise = promise != null;
    JsonNode proof = StrictJson.object(n, "inclusionProof", "inclusionProof", false);
    if (proof != null) {
      StrictJson.int64(proof, "logIndex", "inclusionProof.logIndex", true, 0);
      StrictJson.base64(proof, "rootHash", "inclusionProof.rootHash", true);
      StrictJson.int64(proof, "treeSize", "inclusionProof.treeSize", true, 0);
      JsonNode hashes = StrictJson.array(proof, "hashes", "inclusionProof.hashes", false);
      if (hashes != null) {
        for (int i = 0; i < hashes.size(); i++) {
          if (!hashes.get(i).isTextual()) {
            throw new InvalidInputException("inclusionProof.hashes[" + i + "] must be a string");
          }
          dev.countersign.core.internal.Base64Text.decode(hashes.get(i).textValue(),
              "inclusionProof.hashes[" + i + "]");
        }
      }
    }
    this.inclusionProof = proof != null;
    this.canonicalizedBody = StrictJson.base64(n, "canonicalizedBody", "canonicalizedBody", true);
    this.json = StrictJson.compact(n);
  }

  /** Parses one entry's protobuf-JSON object ({@code TransparencyLogEntry}); unknown members are kept. */
  public static TlogEntry parse(String json) {
    return new TlogEntry(StrictJson.parseObject(Objects.requireNonNull(json, "json")
        .getBytes(StandardCharsets.UTF_8), "transparency log entry"));
  }

  public long logIndex() {
    return logIndex;
  }

  /** A copy of the log's id (SHA-256 of its public key). */
  public byte[] logId() {
    return logId.clone();
  }

  /** The entry kind, e.g. {@code hashedrekord}. */
  public String kind() {
    return kind;
  }

  /** The entry kind's version, e.g. {@code 0.0.1}. */
  public String version() {
    return version;
  }

  /** Seconds since the epoch at which the log integrated the entry; 0 when absent. */
  public long integratedTime() {
    return integratedTime;
  }

  public boolean hasInclusionPromise() {
    return inclusionPromise;
  }

  public boolean hasInclusionProof() {
    return inclusionProof;
  }

  /** A copy of the entry body the log canonicalized. */
  public byte[] canonicalizedBody() {
    return canonicalizedBody.clone();
  }

  /** Compact JSON of this entry as read. */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlogEntry && json.equals(((TlogEntry) o).json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "TlogEntry{" + kind + " " + version + ", logIndex=" + logIndex + ", integratedTime=" + integratedTime
        + ", body " + canonicalizedBody.length + " bytes}";
  }
}
