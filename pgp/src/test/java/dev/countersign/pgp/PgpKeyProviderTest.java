package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifiers;
import dev.countersign.pgp.internal.JdkKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgp://} keys through core's KeyBackends: raw cosign-style signatures that openssl verifies. */
class PgpKeyProviderTest {
  static final KeyBackends KEYS = KeyBackends.discover();
  static final byte[] DATA = "artifact bytes\n".getBytes(StandardCharsets.UTF_8);

  static PgpKey generate(PgpKeyAlgorithm alg, String name, char[] passphrase) {
    PgpKeyGenerator.Builder b = PgpKeyGenerator.builder().algorithm(alg).userId(name + " <" + name + "@example.com>");
    if (passphrase != null) {
      b.passphrase(passphrase);
    }
    return b.build().generate();
  }

  /** Signs DATA through {@code ref}, checks core's verifier, and has openssl verify with the PEM public key. */
  static Signer signAndCheck(Path dir, String ref, PasswordSource passwords) throws Exception {
    Signer signer = KEYS.signer(ref, passwords);
    byte[] sig = signer.sign(DATA);
    Verifier verifier = KEYS.verifier(ref);
    verifier.verify(DATA, sig);
    assertEquals(signer.keyId(), verifier.keyId());
    assertEquals(1, KEYS.resolver(ref).resolve(KeyQuery.byKeyId(signer.keyId())).size());
    assertThrows(VerificationException.class, () -> verifier.verify("other".getBytes(StandardCharsets.UTF_8), sig));

    Path data = Files.write(dir.resolve("data"), DATA);
    Path sigFile = Files.write(dir.resolve("sig"), sig);
    Path pem = Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(verifier.publicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    List<String> cmd = signer.algorithm() == SignatureAlgorithm.ED25519
        ? List.of("pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin", "-in", data.toString(),
            "-sigfile", sigFile.toString())
        : List.of("dgst", "-" + signer.algorithm().digestAlgorithm().orElseThrow().ociName(), "-verify",
            pem.toString(), "-signature", sigFile.toString(), data.toString());
    String out = openssl(cmd);
    assertTrue(out.contains("Verified OK") || out.contains("Signature Verified Successfully"), out);
    return signer;
  }

  static String openssl(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl timed out");
    assertEquals(0, p.exitValue(), () -> "openssl " + args + ": " + out);
    return out;
  }

  @Test
  void ourKeysSignRawSignaturesThatOpensslVerifies(@TempDir Path dir) throws Exception {
    PgpKey rsa = generate(PgpKeyAlgorithm.RSA_3072, "rsa", "pw".toCharArray());
    PgpKey ed = generate(PgpKeyAlgorithm.ED25519, "ed", null);
    Path ring = Files.write(dir.resolve("secring.gpg"), PgpKeyring.of(List.of(rsa, ed)).secretBytes());
    Signer r = signAndCheck(dir, "pgp://" + ring + "#rsa@example.com", PasswordSource.of("pw".toCharArray()));
    assertEquals(SignatureAlgorithm.RSA_PKCS1V15_SHA256, r.algorithm());
    Signer e = signAndCheck(dir, "pgp://" + ring + "#" + ed.fingerprint(), PasswordSource.none());
    assertEquals(SignatureAlgorithm.ED25519, e.algorithm());

    Path relative = Path.of("").toAbsolutePath().relativize(ring);
    assertEquals(e.keyId(), KEYS.signer("pgp://" + relative + "#" + ed.keyId(), PasswordSource.none()).keyId());
    assertThrows(WrongPasswordException.class,
        () -> KEYS.signer("pgp://" + ring + "#rsa", PasswordSource.of("nope".toCharArray())));
    assertThrows(InvalidInputException.class, () -> KEYS.signer("pgp://" + ring, PasswordSource.none()));
    assertThrows(KeyNotFoundException.class, () -> KEYS.signer("pgp://" + dir.resolve("no.gpg"), PasswordSource.none()));
    assertThrows(KeyNotFoundException.class, () -> KEYS.signer("pgp://" + ring + "#nobody", PasswordSource.none()));
    assertThrows(InvalidInputException.class, () -> KEYS.verifier("pgp://#x"));
    Path pub = Files.write(dir.resolve("pubring.gpg"), rsa.publicKeyringBytes());
    assertThrows(InvalidInputException.class, () -> KEYS.signer("pgp://" + pub, PasswordSource.none()));
    assertEquals(r.keyId(), KEYS.verifier("pgp://" + pub).keyId());
  }

  @Test
  void gpgNistP256KeySignsWithEcdsaSha256(@TempDir Path dir) throws Exception {
    try (GpgPeer gpg = new GpgPeer(Files.createDirectory(dir.resolve("gnupg")))) {
      gpg.ok("--quick-gen-key", "P256 <p256@example.com>", "nistp256", "sign", "never");
      Path ring = Files.write(dir.resolve("secret.asc"), gpg.ok("--armor", "--export-secret-keys"));
      Signer s = signAndCheck(dir, "pgp://" + ring, PasswordSource.none());
      assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, s.algorithm());
    }
  }

  @Test
  void expiredOrRevokedKeysAreRefusedAndResolvedOnlyWhenValid(@TempDir Path dir) throws Exception {
    Instant t0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    PgpKey old = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Old <old@example.com>")
        .creationTime(t0).expiresAfter(Duration.ofDays(1)).build().generate();
    PgpKey fresh = generate(PgpKeyAlgorithm.ED25519, "fresh", null);
    PgpKey revoked = ProvenanceKeyValidityTest.withRevocation(generate(PgpKeyAlgorithm.ED25519, "gone", null),
        null, 2, "stolen");
    Path ring = Files.write(dir.resolve("ring.gpg"), PgpKeyring.of(List.of(old, fresh)).secretBytes());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> KEYS.signer("pgp://" + ring + "#Old", PasswordSource.none()));
    assertTrue(e.getMessage().contains("expired on " + t0.plus(1, ChronoUnit.DAYS)), e.getMessage());

    Path pubs = Files.write(dir.resolve("pubs.gpg"),
        PgpKeyring.of(List.of(old, fresh, revoked)).publicBytes());
    var resolver = KEYS.resolver("pgp://" + pubs);
    assertEquals(2, resolver.resolve(KeyQuery.any()).size(), "revoked key left out");
    List<Verifier> now = resolver.resolve(KeyQuery.builder().time(Instant.now()).build());
    assertEquals(1, now.size());
    assertEquals(KEYS.verifier("pgp://" + pubs + "#fresh").keyId(), now.get(0).keyId());
    List<Verifier> then = resolver.resolve(KeyQuery.builder().time(t0.plusSeconds(3600)).build());
    assertEquals(Verifiers.of(JdkKeys.publicKey(old.bcPublicKeyRing().getPublicKey())).keyId(),
        then.get(0).keyId());
    assertThrows(InvalidInputException.class, () -> KEYS.verifier("pgp://" + pubs + "#Old"));
    assertEquals(1, then.size());

    Path published = Files.createDirectory(dir.resolve("published"));
    PublishedKeyrings.write(published, old);
    PublishedKeyrings.write(published, fresh);
    PgpKeyResolver fromDir = PgpKeyResolver.directory(published);
    assertEquals(2, fromDir.keys().size());
    assertEquals(1, fromDir.resolve(KeyQuery.builder().time(Instant.now()).build()).size());
  }
}
