package dev.countersign.examples;

import static dev.countersign.examples.DistributionDemo.expect;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKeyResolver;
import dev.countersign.keys.ceremony.Ceremony;
import dev.countersign.keys.ceremony.KeyStatusReport;
import dev.countersign.keys.ceremony.ManifestChange;
import dev.countersign.keys.ceremony.RotationPolicy;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.ImageVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Sections 1 and 3 of the seed's distribution workflow over one simulated half-year: a 2-of-3 key ceremony
 * publishes a signed key manifest ({@code keys.json}) and {@code pubkey-YYYY-MM-DD.pem} into a directory that a
 * loopback web server serves as the CDN; the build signs an image; at day 76 the 90-day key is due and is rotated
 * (one member alone is refused); after rotation the old image still verifies under the retired key; at day 100 the
 * old key is revoked and its signature is refused. The customer trusts only the first manifest, pinned, and
 * resolves keys through the CDN with the rotation-aware resolver, which names the rule behind every decision.
 */
final class KeysDemo {
  static final String REFERENCE = "registry.example.com/acme/app";

  /** What the customer saw, for tests. */
  record Outcome(KeyManifest last, ImageVerificationResult oldAfterRotation, ImageVerificationResult newAfterRotation,
      ImageVerificationResult oldAfterRevocation, ImageVerificationResult newAfterRevocation, String refusedRule,
      int cdnRequests) {}

  private KeysDemo() {}

  static Outcome run(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path cdn = Files.createDirectories(dir.resolve("cdn"));
    Instant day0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    RotationPolicy policy = RotationPolicy.defaults();
    KeyCeremonyRoom room = new KeyCeremonyRoom(cdn, "alice", "bob", "carol");
    Signer k1 = Signers.of(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256));

    // 1-4. The first ceremony: three members, threshold two, the first release key valid for 90 days.
    Path draft1 = dir.resolve("draft-1.json");
    KeyCeremonyRoom.propose(Ceremony.first(day0.plus(Duration.ofDays(365)), List.of(
        ManifestChange.members(room.members(), 2),
        ManifestChange.addKey(k1.publicKey(), k1.algorithm(), day0, day0.plus(policy.validity())))), draft1);
    room.sign("alice", draft1, day0);
    room.sign("bob", draft1, day0.plusSeconds(600));
    room.publish(draft1, day0);
    byte[] trustRoot = Files.readAllBytes(cdn.resolve("1.keys.json"));

    try (StaticHttpServer server = StaticHttpServer.serve(cdn)) {
      System.out.println("cdn:          serving " + cdn + " at " + server.url());
      OciLayout registry = SupplyChainDemo.freshLayout(dir.resolve("registry"));
      sign(registry, "1.0", k1, "key 1");
      ImageVerificationResult first = customer(server, trustRoot, dir, day0, 1, registry, "1.0");
      expect(first.passed(), "the customer refused the freshly signed image: " + first.reason().orElse(""));

      // Day 76: 'keys status' reports the rotation due; 'keys rotate' proposes key 2 with the overlap windows.
      Instant day76 = day0.plus(Duration.ofDays(76));
      KeyStatusReport status = KeyStatusReport.of(room.published(), policy, day76);
      System.out.println("governance:   day 76, keys status: rotation due in "
          + status.daysUntilRotationDue().orElseThrow() + " days; " + status.entries());
      Signer k2 = Signers.of(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
      Path draft2 = dir.resolve("draft-2.json");
      KeyCeremonyRoom.propose(policy.rotate(room.published(), k2.publicKey(), day76), draft2);
      room.sign("alice", draft2, day76);
      String refusedRule = room.publishRefused(draft2, day76);
      room.sign("carol", draft2, day76.plusSeconds(3600));
      room.publish(draft2, day76);
      sign(registry, "1.1", k2, "key 2");

      ImageVerificationResult oldAfterRotation = customer(server, trustRoot, dir, day0, 95, registry, "1.0");
      ImageVerificationResult newAfterRotation = customer(server, trustRoot, dir, day0, 95, registry, "1.1");
      expect(oldAfterRotation.passed() && newAfterRotation.passed(), "after rotation: " + oldAfterRotation.reason()
          + ", " + newAfterRotation.reason());

      // Day 100: key 1 leaked; a third ceremony revokes it from now on.
      Instant day100 = day0.plus(Duration.ofDays(100));
      Path draft3 = dir.resolve("draft-3.json");
      KeyCeremonyRoom.propose(Ceremony.propose(room.published(), room.published().expires(), List.of(
          ManifestChange.revoke(k1.keyId(), day100, "private key found on a build agent"))), draft3);
      room.sign("bob", draft3, day100);
      room.sign("carol", draft3, day100.plusSeconds(900));
      room.publish(draft3, day100);

      ImageVerificationResult oldAfterRevocation = customer(server, trustRoot, dir, day0, 101, registry, "1.0");
      ImageVerificationResult newAfterRevocation = customer(server, trustRoot, dir, day0, 101, registry, "1.1");
      expect(!oldAfterRevocation.passed(), "a signature by a revoked key verified");
      expect(newAfterRevocation.passed(), "key 2 stopped verifying: " + newAfterRevocation.reason().orElse(""));
      System.out.println("cdn:          " + server.requests() + " requests in all");
      return new Outcome(room.published(), oldAfterRotation, newAfterRotation, oldAfterRevocation,
          newAfterRevocation, refusedRule, server.requests());
    }
  }

  /** The build system: a one-file image tagged {@code tag}, signed with {@code key}. */
  private static void sign(OciLayout registry, String tag, Signer key, String name) {
    ImageManifest image = ImageBuilder.create()
        .addContent(("app " + tag + "\n").getBytes(StandardCharsets.UTF_8), "/app/version.txt", 0644)
        .build(registry, tag);
    ImageSigner.builder(key).build().sign(registry, REFERENCE, image.manifest().descriptor());
    System.out.println("build:        signed " + REFERENCE + ":" + tag + " = " + image.manifest().descriptor().digest()
        + " with " + name + " (" + key.keyId() + ")");
  }

  /** The customer at {@code now}: pinned first manifest, keys from the CDN, then {@code cosign verify}. */
  private static ImageVerificationResult customer(StaticHttpServer server, byte[] trustRoot, Path dir, Instant day0,
      int day, OciLayout registry, String tag) {
    Instant now = day0.plus(Duration.ofDays(day));
    ManifestKeyResolver keys = ManifestKeyResolver.builder(server.url()).trustRoot(trustRoot)
        .cacheDirectory(dir.resolve("customer-cache")).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    ImageVerificationResult result = ImageVerifier.builder().keyResolver(keys).build().verify(registry, tag);
    System.out.println("customer:     day " + day + ", verify " + REFERENCE + ":" + tag + ": "
        + (result.passed() ? "VERIFIED (" + result.verified().size() + " signatures)" : "REFUSED"));
    keys.lastResolution().ifPresent(r -> r.decisions().forEach(d -> System.out.println("                manifest v"
        + r.manifestVersion() + " from the " + r.source().toString().toLowerCase() + ": " + d)));
    return result;
  }

}
