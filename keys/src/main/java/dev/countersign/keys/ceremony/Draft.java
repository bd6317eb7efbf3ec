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
 * {@link #parse}): {@code {"manifest": ..., "signedAt": [...], "summary": [...]}}, plus {@code "keyrings":
 * [{"file", "data"}]} (base64) when new PGP keys are added, whose SHA-256 the manifest records. Immutable: {@link #sign}
 * returns a new draft. The summary is informative only; {@link Publisher} recomputes it from the manifests.
 */
public final class Draft {
  private final KeyManifest manifest;
  private final List<String> summary;
  private final Map<KeyId, Instant> signedAt;
  private final Map<String, byte[]> keyrings;

  private Draft(KeyManifest manifest, List<String> summary, Map<KeyId, Instant> signedAt,
      Map<String, byte[]> keyrings) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.summary = List.copyOf(summary);
    this.signedAt = Collections.unmodifiableMap(new LinkedHashMap<>(signedAt));
    Map<String, byte[]> k = new LinkedHashMap<>();
    keyrings.forEach((name, bytes) -> k.put(name, bytes.clone()));
    DraftJson.checkKeyrings(manifest, k);
    this.keyrings = Collections.unmodifiableMap(k);
  }

  static Draft of(KeyManifest manifest, List<String> summary, Map<String, byte[]> keyrings) {
    return new Draft(manifest, summary, Map.of(), keyrings);
  }

  /** Reads a draft file written by {@link #toJson()}; the manifest in it must be canonical. */
  public static Draft parse(byte[] json) {
    DraftJson.Parts p = DraftJson.read(json);
    return new Draft(p.manifest, p.summary, p.signedAt, p.keyrings);
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

  /** Names of the PGP keyring files the draft carries for its new PGP keys, e.g. {@code keyring-...gpg}. */
  public java.util.Set<String> keyringFiles() {
    return keyrings.keySet();
  }

  /** The bytes of keyring file {@code name} (a copy), whose SHA-256 the manifest records. */
  public java.util.Optional<byte[]> keyring(String name) {
    return java.util.Optional.ofNullable(keyrings.get(name)).map(byte[]::clone);
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
    return new Draft(signed, summary, times, keyrings);
  }

  /** The draft file, canonical JSON. */
  public byte[] toJson() {
    return DraftJson.write(manifest, summary, signedAt, keyrings);
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
