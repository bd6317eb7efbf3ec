package dev.countersign.keys.ceremony;

import dev.countersign.core.KeyId;
import dev.countersign.core.Signer;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.internal.ceremony.DraftJson;
import java.io.IOException;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A proposed next {@link KeyManifest} with a human-readable summary of the change and the signatures members have
 * added so far (with when each signed). A draft travels between members' machines as a file ({@link #toJson()},
 * {@link #parse}): {@code {"manifest": ..., "signedAt": [...], "summary": [...]}}. Immutable: {@link #sign}
 * returns a new draft. The summary is informative only; {@link Publisher} recomputes it from the manifests.
 */
public final class Draft {
  private final KeyManifest manifest;
  private final List<String> summary;
  private final Map<KeyId, Instant> signedAt;

  private Draft(KeyManifest manifest, List<String> summary, Map<KeyId, Instant> signedAt) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.summary = List.copyOf(summary);
    this.signedAt = Collections.unmodifiableMap(new LinkedHashMap<>(signedAt));
  }

  static Draft of(KeyManifest manifest, List<String> summary) {
    return new Draft(manifest, summary, Map.of());
  }

  /** Reads a draft file written by {@link #toJson()}; the manifest in it must be canonical. */
  public static Draft parse(byte[] json) {
    DraftJson.Parts p = DraftJson.read(json);
    return new Draft(p.manifest, p.summary, p.signedAt);
  }

  /** Reads the draft at {@code file}. */
  public static Draft read(Path file) {
    try {
      if (Files.size(file) > DraftJson.MAX_BYTES) {
        throw new InvalidInputException("draft " + file.getFileName() + " is larger than "
            + DraftJson.MAX_BYTES + " bytes");
      }
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read draft " + file.getFileName() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  public KeyManifest manifest() {
    return manifest;
  }

  /** One line per change, e.g. {@code key added: <id> ecdsa-p256-sha256 valid ...}. */
  public List<String> summary() {
    return summary;
  }

  /** The members who signed, in order, with the time each signed. */
  public Map<KeyId, Instant> signedAt() {
    return signedAt;
  }

  /** This draft signed by {@code member} now (see {@link #sign(Signer, Instant)}). */
  public Draft sign(Signer member) {
    return sign(member, Instant.now());
  }

  /** This draft with {@code member}'s signature ({@link KeyManifest#sign}), recorded as made at {@code at}. */
  public Draft sign(Signer member, Instant at) {
    KeyManifest signed = manifest.sign(member);
    Map<KeyId, Instant> times = new LinkedHashMap<>(signedAt);
    times.put(member.keyId(), at.truncatedTo(ChronoUnit.SECONDS));
    return new Draft(signed, summary, times);
  }

  /** The draft file, canonical JSON. */
  public byte[] toJson() {
    return DraftJson.write(manifest, summary, signedAt);
  }

  /** Writes the draft file to {@code file}. */
  public void write(Path file) {
    try {
      Files.write(file, toJson());
    } catch (IOException e) {
      throw new CountersignException("cannot write draft " + file.getFileName() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public String toString() {
    return "Draft{version " + manifest.version() + ", " + manifest.signatures().size() + " signatures}";
  }
}
