package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.assertSamePublicKey;
import static dev.countersign.core.keys.KeyFixtures.bytes;
import static dev.countersign.core.keys.KeyFixtures.openssl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.keys.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemKeysTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static InvalidInputException invalid(byte[] pem, String messagePart) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PemKeys.readPrivateKey(pem, "k.pem"));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    return e;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 | secp256k1",
      "-algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 | brainpoolP256r1",
      "-algorithm EC -pkeyopt ec_paramgen_curve:P-224 | 1.3.132.0.33",
      "-algorithm ed448 | Ed448",
      "-algorithm X25519 | X25519",
      "-algorithm RSA -pkeyopt rsa_keygen_bits:1024 | RSA key of 1024 bits",
      "-algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 | RSASSA-PSS"})
  void refusesUnsupportedKeysNamingThem(String genpkey, String name, @TempDir Path dir) {
    Path key = dir.resolve("k.pem");
    String[] args = (genpkey + " -out " + key).split(" ");
    String[] cmd = new String[args.length + 1];
    cmd[0] = "genpkey";
    System.arraycopy(args, 0, cmd, 1, args.length);
    openssl(cmd);
    invalid(bytes(key), name);
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", dir.resolve("pub.pem").toString());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemKeys.readPublicKey(bytes(dir.resolve("pub.pem")), "pub.pem"));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  @Test
  void refusesExplicitCurveParameters(@TempDir Path dir) {
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", dir.resolve("k.pem").toString());
    openssl("ec", "-in", dir.resolve("k.pem").toString(), "-param_enc", "explicit", "-out",
        dir.resolve("x.pem").toString());
    invalid(bytes(dir.resolve("x.pem")), "explicit curve parameters");
  }

  @Test
  void readsCompressedEcPoints(@TempDir Path dir) {
    Path key = dir.resolve("k.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key.toString());
    openssl("ec", "-in", key.toString(), "-pubout", "-conv_form", "compressed", "-out", dir.resolve("c.pem").toString());
    PublicKey compressed = PemKeys.readPublicKey(bytes(dir.resolve("c.pem")), "c.pem");
    assertArrayEquals(PemKeys.readPrivateKey(bytes(key), "k.pem").getPublic().getEncoded(), compressed.getEncoded());
  }

  @Test
  void refusesEcPointsNotOnTheCurve() throws Exception {
    byte[] spki = KeyGeneration.generate().getPublic().getEncoded();
    spki[spki.length - 1] ^= 1;
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemKeys.readPublicKey(ascii(Pem.encode("PUBLIC KEY", spki)), "bad.pub"));
    assertTrue(e.getMessage().contains("not a valid point on P-256"), e.getMessage());
  }

  @Test
  void refusesEd25519EncodingsThatAreNoPoint() throws Exception {
    byte[] y2 = new byte[32];
    y2[0] = 2; // y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod p
    byte[] y3 = new byte[32];
    y3[0] = 3; // y = 3 is on the curve
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemKeys.readPublicKey(ascii(Pem.encode("PUBLIC KEY", ed25519Spki(y2))), "bad.pub"));
    assertTrue(e.getMessage().contains("not a valid curve point"), e.getMessage());
    assertEquals("Ed25519", dev.countersign.core.internal.KeyInspection.describe(
        PemKeys.readPublicKey(ascii(Pem.encode("PUBLIC KEY", ed25519Spki(y3))), "ok.pub")).toString());
  }

  private static byte[] ed25519Spki(byte[] key) throws Exception {
    return new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), key).getEncoded();
  }

  @Test
  void checksAStoredPublicKeyAgainstThePrivateKey() throws Exception {
    java.security.interfaces.ECPrivateKey a = (java.security.interfaces.ECPrivateKey) KeyGeneration.generate()
        .getPrivate();
    byte[] otherPoint = SubjectPublicKeyInfo.getInstance(KeyGeneration.generate().getPublic().getEncoded())
        .getPublicKeyData().getOctets();
    byte[] sec1 = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1),
        new DEROctetString(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, a.getS())),
        new DERTaggedObject(true, 0, SECObjectIdentifiers.secp256r1),
        new DERTaggedObject(true, 1, new DERBitString(otherPoint))}).getEncoded();
    invalid(ascii(Pem.encode("EC PRIVATE KEY", sec1)), "does not match");

    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    byte[] wrongPub = new byte[32];
    wrongPub[0] = 3;
    byte[] v2 = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(seed),
        null, wrongPub).getEncoded();
    invalid(ascii(Pem.encode("PRIVATE KEY", v2)), "does not match");
  }

  @Test
  void refusesLegacyOpensslEncryption(@TempDir Path dir) {
    Path key = dir.resolve("k.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
    openssl("ec", "-in", key.toString(), "-aes256", "-passout", "pass:x", "-out", dir.resolve("l.pem").toString());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemKeys.readPrivateKey(bytes(dir.resolve("l.pem")), PasswordSource.of("x".toCharArray()), "l.pem"));
    assertTrue(e.getMessage().contains("legacy OpenSSL PEM encryption"), e.getMessage());
  }

  @Test
  void encryptedKeysNeedAPassword() {
    byte[] cosign = ascii(CosignKeys.write(KeyGeneration.generate(), "pw".toCharArray()));
    assertThrows(WrongPasswordException.class, () -> PemKeys.readPrivateKey(cosign, "cosign.key"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PemKeys.readPublicKey(cosign, "cosign.key"));
    assertTrue(e.getMessage().contains("encrypted private key"), e.getMessage());
  }

  @Test
  void readsThePublicHalfOfAnUnencryptedPrivateKey() {
    KeyPair keys = KeyGeneration.generate(SignatureAlgorithm.ECDSA_P521_SHA512);
    assertArrayEquals(keys.getPublic().getEncoded(),
        PemKeys.readPublicKey(ascii(PemKeys.writePrivateKey(keys.getPrivate())), "k.pem").getEncoded());
  }

  @Test
  void aPublicKeyIsNotAPrivateKey() {
    byte[] pub = ascii(PemKeys.writePublicKey(KeyGeneration.generate().getPublic()));
    invalid(pub, "holds a public key");
  }

  @Test
  void writesPemWith64CharacterLinesAndReadsItBack() {
    KeyPair keys = KeyGeneration.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 2048);
    String priv = PemKeys.writePrivateKey(keys.getPrivate());
    String pub = PemKeys.writePublicKey(keys.getPublic());
    assertTrue(priv.startsWith("-----BEGIN PRIVATE KEY-----\n") && priv.endsWith("-----END PRIVATE KEY-----\n"));
    assertTrue(pub.startsWith("-----BEGIN PUBLIC KEY-----\n") && pub.endsWith("-----END PUBLIC KEY-----\n"));
    String[] lines = pub.split("\n");
    for (int i = 1; i < lines.length - 2; i++) {
      assertEquals(64, lines[i].length(), lines[i]);
    }
    assertSamePublicKey(pub, PemKeys.readPrivateKey(ascii(priv), "k").getPublic());
    assertSamePublicKey(pub, PemKeys.readPublicKey(ascii(pub), "p"));
    // CRLF line ends and text before the block are accepted, as openssl accepts them.
    assertSamePublicKey(pub, PemKeys.readPublicKey(ascii("comment\r\n" + pub.replace("\n", "\r\n")), "p"));
  }

  @Test
  void refusesOversizedAndMalformedPem() {
    byte[] big = new byte[Pem.MAX_BYTES + 1];
    invalid(big, "refused");
    String priv = PemKeys.writePrivateKey(KeyGeneration.generate().getPrivate());
    invalid(ascii(priv.substring(0, priv.length() - 10)), "no matching END");
    invalid(ascii(priv.substring(0, priv.length() / 2) + "-----END PRIVATE KEY-----\n"), "k.pem");
    invalid(ascii("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n"), "invalid base64");
    invalid(ascii("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "malformed PKCS#8");
    invalid(ascii("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), "certificate is not a key");
    invalid(ascii("{\"primaryKeyId\": 1}"), "not a recognised key file");
  }
}
