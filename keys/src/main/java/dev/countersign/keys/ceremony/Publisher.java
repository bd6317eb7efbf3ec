package dev.countersign.keys.ceremony;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationException;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestTrust;
import dev.countersign.keys.internal.ceremony.AtomicFiles;
import dev.countersign.keys.internal.ceremony.ChangeSummary;
import dev.countersign.keys.internal.ceremony.TranscriptJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes a signed {@link Draft} into the directory a CDN serves, only when {@link ManifestTrust} accepts it
 * after the currently trusted manifest (for the first manifest: signed by a threshold of its own members and not
 * expired). It writes, each atomically (temporary file, then move): {@code pubkey-YYYY-MM-DD[-n].pem} for every new
 * PEM key, {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} for every new PGP key (the bytes the draft carries, checked
 * against the SHA-256 members signed), {@code N.keys.json}, the ceremony transcript {@code N.ceremony.json}, and
 * last {@code keys.json}. A file already in the directory under one of those names with other content is never overwritten, except the transcript
 * of this same version when a publication that was interrupted before {@code keys.json} is run again.
 */
public final class Publisher {
  /** The latest manifest's name. */
  public static final String LATEST = "keys.json";
  private static final String KMS_PREFIX = "awskms:///";

  private Publisher() {}

  /**
   * Publishes {@code draft} after {@code currentTrusted} (null for the first manifest) into {@code dir}, without
   * activating staged backend keys (see {@link #publish(Draft, KeyManifest, Path, Instant, KeyBackends)}).
   *
   * @throws VerificationException naming the failed trust rule (e.g. {@code threshold-previous})
   */
  public static Publication publish(Draft draft, KeyManifest currentTrusted, Path dir, Instant now) {
    return publish(draft, currentTrusted, dir, now, null);
  }

  /**
   * Publishes {@code draft} after {@code currentTrusted} (null for the first manifest) into {@code dir}. After the
   * trust rules hold and before any file is written, every new key with a backend key (a KMS key ARN) is activated
   * through {@code backends} ({@link KeyBackends#activate}: a key staged by a ceremony is enabled and its alias moved
   * to it; other keys are left alone). {@code backends} null skips activation.
   *
   * @throws VerificationException naming the failed trust rule (e.g. {@code threshold-previous})
   */
  public static Publication publish(Draft draft, KeyManifest currentTrusted, Path dir, Instant now,
      KeyBackends backends) {
    Objects.requireNonNull(dir, "dir");
    Plan plan = plan(draft, currentTrusted, now);
    KeyManifest next = plan.next;
    try {
      Files.createDirectories(dir);
      Path versioned = dir.resolve(next.version() + ".keys.json");
      boolean resuming = Files.exists(versioned) && Arrays.equals(Files.readAllBytes(versioned), plan.json);
      for (Map.Entry<String, byte[]> e : plan.files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        boolean ownTranscript = resuming && e.getKey().equals(next.version() + ".ceremony.json");
        if (!ownTranscript && Files.exists(p) && !Arrays.equals(Files.readAllBytes(p), e.getValue())) {
          throw new InvalidInputException(e.getKey() + " already exists in " + dir + " with other content;"
              + " refusing to overwrite it");
        }
      }
    } catch (IOException e) {
      throw new CountersignException("cannot prepare " + dir + ": " + e.getClass().getSimpleName(), e);
    }
    activate(plan.added, backends);
    for (Map.Entry<String, byte[]> e : plan.files.entrySet()) {
      AtomicFiles.write(dir, e.getKey(), e.getValue());
    }
    AtomicFiles.write(dir, LATEST, plan.json);
    return new Publication(next, dir.toString(), plan.names);
  }

  /**
   * Publishes {@code draft} to an origin by HTTP {@code PUT}, one file at a time in the order of
   * {@link #publish(Draft, KeyManifest, Path, Instant, KeyBackends)}, {@code keys.json} last. A file the origin
   * already serves with other content is never overwritten (checked by {@code GET} before anything is uploaded).
   */
  public static Publication publish(Draft draft, KeyManifest currentTrusted, HttpOrigin origin, Instant now,
      KeyBackends backends) {
    Objects.requireNonNull(origin, "origin");
    Plan plan = plan(draft, currentTrusted, now);
    KeyManifest next = plan.next;
    boolean resuming = origin.get(next.version() + ".keys.json").map(b -> Arrays.equals(b, plan.json))
        .orElse(false);
    for (Map.Entry<String, byte[]> e : plan.files.entrySet()) {
      if (resuming && e.getKey().equals(next.version() + ".ceremony.json")) {
        continue;
      }
      origin.get(e.getKey()).ifPresent(existing -> {
        if (!Arrays.equals(existing, e.getValue())) {
          throw new InvalidInputException(e.getKey() + " already exists on " + origin + " with other content;"
              + " refusing to overwrite it");
        }
      });
    }
    activate(plan.added, backends);
    for (Map.Entry<String, byte[]> e : plan.files.entrySet()) {
      origin.put(e.getKey(), e.getValue());
    }
    origin.put(LATEST, plan.json);
    return new Publication(next, origin.toString(), plan.names);
  }

  private static void activate(List<ManifestKey> added, KeyBackends backends) {
    if (backends == null) {
      return;
    }
    for (ManifestKey k : added) {
      k.backend().ifPresent(b -> backends.activate(b.startsWith(KMS_PREFIX) ? b : KMS_PREFIX + b));
    }
  }

  private static final class Plan {
    final KeyManifest next;
    final byte[] json;
    final Map<String, byte[]> files;
    final List<String> names;
    final List<ManifestKey> added;

    Plan(KeyManifest next, byte[] json, Map<String, byte[]> files, List<String> names, List<ManifestKey> added) {
      this.next = next;
      this.json = json;
      this.files = files;
      this.names = names;
      this.added = added;
    }
  }

  private static Plan plan(Draft draft, KeyManifest currentTrusted, Instant now) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(now, "now");
    KeyManifest next = draft.manifest();
    byte[] json = next.toJson();
    if (currentTrusted == null) {
      ManifestTrust.pin(json).trustChain(List.of(), now);
    } else {
      ManifestTrust before = ManifestTrust.pin(currentTrusted.toJson());
      if (before.accept(json, now) == before) {
        throw new InvalidInputException("manifest version " + next.version() + " is the one already trusted");
      }
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    Set<KeyId> known = new HashSet<>();
    if (currentTrusted != null) {
      currentTrusted.keys().forEach(k -> known.add(k.keyId()));
    }
    List<ManifestKey> added = new ArrayList<>();
    for (ManifestKey k : next.keys()) {
      if (known.contains(k.keyId())) {
        continue;
      }
      added.add(k);
      if (k.publicKey().isPresent()) {
        byte[] pem = PemKeys.writePublicKey(k.publicKey().get()).getBytes(StandardCharsets.UTF_8);
        for (String f : k.files()) {
          put(out, f, pem);
        }
      } else if (k.keyringSha256().isPresent()) {
        for (String f : k.files()) {
          byte[] ring = draft.keyring(f).orElseThrow(() -> new InvalidInputException("the draft does not carry "
              + f + ", the keyring of new PGP key " + k.pgpFingerprint().orElseThrow()));
          put(out, f, ring);
        }
      }
    }
    put(out, next.version() + ".keys.json", json);
    List<String> names = new ArrayList<>(out.keySet());
    names.add(next.version() + ".ceremony.json");
    names.add(LATEST);
    byte[] transcript = TranscriptJson.write(currentTrusted, next, ChangeSummary.lines(currentTrusted, next),
        draft.signedAt(), added, names, now.truncatedTo(ChronoUnit.SECONDS));
    put(out, next.version() + ".ceremony.json", transcript);
    return new Plan(next, json, out, names, added);
  }

  private static void put(Map<String, byte[]> out, String name, byte[] content) {
    if (out.put(name, content) != null) {
      throw new InvalidInputException("two new files would be named " + name);
    }
  }
}
