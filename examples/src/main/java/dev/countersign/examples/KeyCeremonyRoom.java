package dev.countersign.examples;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationException;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.Publication;
import dev.countersign.keys.ceremony.Publisher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The governance team of the seed's distribution workflow (steps 1-4) as the demo plays it: three members, each
 * with a ceremony key on their own machine, a threshold of two, and a draft file that travels between them
 * ({@code keys propose}, {@code keys sign}, {@code keys publish}). Member keys are generated here; in production
 * each is a hardware token, a PGP key or a KMS key of its own, and the draft is carried, not shared in memory.
 */
final class KeyCeremonyRoom {
  private final Map<String, Signer> members = new LinkedHashMap<>();
  private final Path cdn;
  private KeyManifest published;

  KeyCeremonyRoom(Path cdn, String... names) {
    this.cdn = cdn;
    for (String name : names) {
      members.put(name, Signers.of(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256)));
    }
  }

  /** The members' public keys, for the first manifest. */
  List<ManifestMember> members() {
    return members.values().stream().map(s -> ManifestMember.of(s.publicKey())).toList();
  }

  /** The manifest last published (null before the first publication). */
  KeyManifest published() {
    return published;
  }

  /** Writes {@code draft} to {@code file} and prints its summary, as {@code keys propose} does. */
  static void propose(Draft draft, Path file) {
    draft.write(file);
    System.out.println("governance:   proposed manifest version " + draft.manifest().version() + " ("
        + file.getFileName() + "):");
    draft.summary().forEach(line -> System.out.println("                - " + line));
  }

  /** One member reads the draft file, checks it, signs it and writes it back ({@code keys sign}). */
  void sign(String member, Path draftFile, Instant at) {
    Draft draft = Draft.read(draftFile).sign(members.get(member), at);
    draft.write(draftFile);
    System.out.println("governance:   " + member + " signed version " + draft.manifest().version() + " ("
        + draft.manifest().signatures().size() + " signature(s))");
  }

  /** Publishes the draft ({@code keys publish}): refused with the rule named unless the trust rules hold. */
  Publication publish(Path draftFile, Instant now) {
    Publication publication = Publisher.publish(Draft.read(draftFile), published, cdn, now);
    published = publication.manifest();
    System.out.println("governance:   published version " + published.version() + " to the CDN: "
        + String.join(", ", publication.files()));
    return publication;
  }

  /** Tries to publish a draft that lacks signatures; returns the rule that refused it (or throws if accepted). */
  String publishRefused(Path draftFile, Instant now) {
    try {
      Publisher.publish(Draft.read(draftFile), published, cdn, now);
    } catch (VerificationException e) {
      System.out.println("governance:   publishing with one signature: REFUSED, " + e.report().failures().get(0));
      return e.report().failures().get(0).name();
    }
    throw new IllegalStateException("a draft signed by one member was published");
  }
}
