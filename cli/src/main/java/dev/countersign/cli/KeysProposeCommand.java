package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifier;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ceremony.Ceremony;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.ManifestChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys propose --dir DIR [--member PUB]... [--threshold M] [--add-key KEYREF]... [--retire KEYID]...
 * [--revoke KEYID --reason TEXT] [--validity 90d] [--overlap 14d] [--expires 365d] --output-file DRAFT}.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
    description = {"Propose the next key manifest version as an unsigned draft and print a summary of the change.",
        "DIR (or an http(s) origin URL) holds the published keys.json; without one this is the first manifest, "
            + "which needs --member and --threshold.",
        "KEYID is a key id (base64 SHA-256 of the SubjectPublicKeyInfo) or a public key file."})
final class KeysProposeCommand implements Callable<Integer> {
  @ParentCommand
  KeysCommand parent;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "published directory or origin URL")
  String dir;

  @Option(names = "--member", paramLabel = "PUB",
      description = "a ceremony member's public key (file or key reference); repeat for each member. Replaces "
          + "the members of the current version")
  List<String> members = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "M", description = "signatures needed (default: unchanged)")
  Integer threshold;

  @Option(names = "--add-key", paramLabel = "KEYREF",
      description = "add a signing key: a public key file, an OpenPGP keyring pgp://FILE[#FINGERPRINT] (published "
          + "as keyring-YYYY-MM-DD-FINGERPRINT.gpg), or awskms:///arn:aws:kms:...:key/ID (never an alias)")
  List<String> addKeys = new ArrayList<>();

  @Option(names = "--retire", paramLabel = "KEYID",
      description = "retire a key: it stops signing at the end of the overlap and verifies signatures made before")
  List<String> retire = new ArrayList<>();

  @Option(names = "--revoke", paramLabel = "KEYID", description = "revoke a key from now (needs --reason)")
  List<String> revoke = new ArrayList<>();

  @Option(names = "--reason", paramLabel = "TEXT", description = "why the keys given to --revoke are revoked")
  String reason;

  @Option(names = "--validity", paramLabel = "DURATION",
      description = "window length of added keys, e.g. 90d (default: open-ended, valid from now)")
  String validity;

  @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "0s",
      description = "retired keys stay valid this long from now, e.g. 14d (default: ${DEFAULT-VALUE})")
  String overlap;

  @Option(names = "--expires", paramLabel = "DURATION",
      description = "the manifest expires this long from now (default: 365d for the first manifest, else "
          + "unchanged unless an added key's window ends later)")
  String expires;

  @Option(names = "--output-file", required = true, paramLabel = "DRAFT", description = "the draft file to write")
  Path output;

  @Override
  public Integer call() {
    if (Files.exists(output)) {
      throw new InvalidInputException(output + " already exists; refusing to overwrite a draft");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    KeyManifest current = KeysOptions.published(dir);
    List<ManifestChange> changes = new ArrayList<>();
    if (!members.isEmpty() || threshold != null) {
      List<ManifestMember> list = new ArrayList<>();
      if (members.isEmpty()) {
        list.addAll(current == null ? List.of() : current.members());
      }
      members.forEach(m -> list.add(ManifestMember.of(KeysOptions.publicKey(m))));
      int t = threshold != null ? threshold : current != null ? current.threshold() : 0;
      if (t == 0) {
        throw new InvalidInputException("the first key manifest needs --threshold");
      }
      changes.add(ManifestChange.members(list, t));
    }
    Instant end = validity == null ? null : now.plus(KeysOptions.duration(validity, "--validity"));
    for (String ref : addKeys) {
      changes.add(addKey(ref, now, end));
    }
    Instant retireAt = now.plus(KeysOptions.duration(overlap, "--overlap"));
    retire.forEach(k -> changes.add(ManifestChange.retire(KeysOptions.keyId(k), retireAt.equals(now)
        ? now.plusSeconds(1) : retireAt)));
    if (!revoke.isEmpty() && reason == null) {
      throw new InvalidInputException("--revoke needs --reason");
    }
    revoke.forEach(k -> changes.add(ManifestChange.revoke(KeysOptions.keyId(k), now, reason)));
    Instant exp = expiry(current, now, end);
    Draft draft = current == null ? Ceremony.first(exp, changes) : Ceremony.propose(current, exp, changes);
    draft.write(output);
    draft.summary().forEach(parent.out()::println);
    parent.err().println("Draft of version " + draft.manifest().version() + " written to " + output
        + "; it needs " + draft.manifest().threshold() + " member signatures (keys sign --key KEY " + output + ")");
    return 0;
  }

  private Instant expiry(KeyManifest current, Instant now, Instant keyEnd) {
    if (expires != null) {
      return now.plus(KeysOptions.duration(expires, "--expires"));
    }
    Instant base = current == null ? now.plus(Duration.ofDays(365)) : current.expires();
    return keyEnd != null && keyEnd.isAfter(base) ? keyEnd : base;
  }

  private static ManifestChange addKey(String ref, Instant start, Instant end) {
    if (KeysPgp.isPgp(ref)) {
      return KeysPgp.add(ref, start, end);
    }
    if (ref.regionMatches(true, 0, "awskms://", 0, 9)) {
      int arn = ref.indexOf("arn:");
      if (arn < 0 || ref.contains("alias/")) {
        throw new InvalidInputException("--add-key " + ref + ": a KMS key is listed by its key ARN "
            + "(awskms:///arn:aws:kms:REGION:ACCOUNT:key/ID), never an alias, which moves on rotation; "
            + "keys rotate --kms creates a new key for an alias");
      }
      Verifier v = KeyBackends.discover().verifier(ref);
      return ManifestChange.addKmsKey(v.publicKey(), v.algorithm(), ref.substring(arn), start, end);
    }
    PublicKey key = KeysOptions.publicKey(ref);
    return ManifestChange.addKey(key, SignatureAlgorithm.defaultFor(key), start, end);
  }
}
