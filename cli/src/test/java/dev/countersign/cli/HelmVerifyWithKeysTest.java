package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyId;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestMember;
import dev.countersign.testing.servers.TestKeyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm verify --keys URL --trust-root FILE}: Helm's own test chart and key, the key published in a signed
 * key manifest as an OpenPGP fingerprint and keyring file on a real loopback server.
 */
class HelmVerifyWithKeysTest {
  static final String FPR = "5E615389B53CA37F0EE60BD3843BBF981FC18762";
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path dir;
  Path site;
  Path chart;
  TestKeyServer server;
  List<Signer> members = new ArrayList<>();
  KeyManifest v1;
  ManifestKey helmKey;

  @BeforeEach
  void publish() throws Exception {
    chart = copy("hashtest-1.2.3.tgz");
    copy("hashtest-1.2.3.tgz.prov");
    byte[] ring = Files.readAllBytes(copy("helm-test-key.pub"));
    site = dir.resolve("site");
    String keyring = "keyring-" + NOW.toString().substring(0, 10) + "-" + FPR + ".gpg";
    KeySite.write(site, keyring, ring);
    PGPPublicKeyRing pgp = new PGPPublicKeyRing(PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(ring)),
        new JcaKeyFingerprintCalculator());
    java.security.PublicKey jca = new JcaPGPKeyConverter().getPublicKey(pgp.getPublicKey());
    helmKey = ManifestKey.builder().pgp(FPR, KeyId.of(jca))
        .algorithm(dev.countersign.core.SignatureAlgorithm.defaultFor(jca)).validFor(NOW.minus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(85)))
        .files(List.of(keyring)).build();
    List<ManifestMember> asMembers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      members.add(Signers.of(KeyGeneration.generate()));
      asMembers.add(ManifestMember.of(members.get(i).publicKey()));
    }
    v1 = KeyManifest.builder().version(1).expires(NOW.plus(Duration.ofDays(365))).threshold(2).members(asMembers)
        .addKey(helmKey).build();
    publish(1, v1);
    KeySite.write(dir, "root.json", signed(v1));
    server = KeyCdn.serve(site);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  byte[] signed(KeyManifest m) {
    return m.sign(members.get(0)).sign(members.get(1)).toJson();
  }

  void publish(int version, KeyManifest m) {
    KeySite.write(site, version + ".keys.json", signed(m));
    KeySite.write(site, "keys.json", signed(m));
  }

  Cli.Result verify() {
    return Cli.run("helm", "verify", "--keys", server.url(), "--trust-root", dir.resolve("root.json").toString(),
        "--keys-cache", dir.resolve("cache").toString(), chart.toString());
  }

  @Test
  void theManifestsPgpKeyVerifiesTheChartAsHelmWould() {
    Cli.Result r = verify().expect(0);
    assertTrue(r.out().startsWith("Signed by: Helm Testing"), r.out());
    assertTrue(r.out().contains("Using Key With Fingerprint: " + FPR), r.out());
    assertTrue(r.err().contains("accepted by rule active-no-time"), r.err());
    assertTrue(KeyCdn.log(server).stream().anyMatch(q -> q.startsWith("keyring-") && q.endsWith(" 200")),
        KeyCdn.log(server).toString());
  }

  @Test
  void aRevokedPgpKeyIsRefusedWithTheRuleNamed() {
    publish(2, v1.toBuilder().version(2).keys(List.of(helmKey.toBuilder()
        .revoked(NOW.minus(Duration.ofDays(1)), "lost").build())).build());
    Cli.Result r = verify().expect(1);
    assertTrue(r.err().contains("refused by rule revoked-no-time"), r.err());
    assertTrue(r.err().contains("the chart was signed by key"), r.err());
  }

  @Test
  void aPublishedKeyringWithoutTheManifestsFingerprintIsRefused() throws Exception {
    Path other = dir.resolve("other");
    Cli.run("pgp", "generate", "--name", "Someone Else", "--email", "else@example.com", "--algorithm", "ed25519",
        "--output-dir", other.toString()).expect(0);
    Path ring;
    try (var files = Files.list(other)) {
      ring = files.filter(p -> p.getFileName().toString().startsWith("keyring-")).findFirst().orElseThrow();
    }
    Files.copy(ring, site.resolve(helmKey.files().get(0)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli.Result r = verify().expect(1);
    assertTrue(r.err().contains("keyring-fingerprint"), r.err());
  }

  @Test
  void aKeyringOtherThanTheOneTheMembersSignedIsRefusedByItsDigest() throws Exception {
    byte[] served = Files.readAllBytes(site.resolve(helmKey.files().get(0)));
    String signedDigest = dev.countersign.core.Digest.compute(dev.countersign.core.DigestAlgorithm.SHA256, served)
        .hex();
    publish(2, v1.toBuilder().version(2).keys(List.of(helmKey.toBuilder().keyringSha256(signedDigest).build()))
        .build());
    verify().expect(0);
    // The same key, re-exported with one more byte: the fingerprint still matches, the signed digest does not.
    byte[] changed = java.util.Arrays.copyOf(served, served.length + 1);
    Files.write(site.resolve(helmKey.files().get(0)), changed);
    Cli.Result r = verify().expect(1);
    assertTrue(r.err().contains("keyring-sha256"), r.err());
    assertTrue(r.err().contains(signedDigest), r.err());
  }

  @Test
  void keyringAndKeysAreExclusive() {
    Cli.run("helm", "verify", "--keyring", dir.resolve("helm-test-key.pub").toString(), "--keys", server.url(),
        "--trust-root", dir.resolve("root.json").toString(), chart.toString()).expect(2);
    assertEquals(List.of(), KeyCdn.log(server));
  }

  private Path copy(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = HelmVerifyWithKeysTest.class.getResourceAsStream("/helm/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
