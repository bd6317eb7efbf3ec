package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.keys.CosignKeyCipher;
import dev.countersign.core.internal.keys.CosignKeyFormat;
import dev.countersign.core.internal.keys.Pem;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed cosign envelopes fail with precise InvalidInputExceptions, before scrypt where possible. */
class CosignEnvelopeValidationTest {
  private static final String SALT = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String NONCE = Base64.getEncoder().encodeToString(new byte[24]);
  private static final String CT = Base64.getEncoder().encodeToString(new byte[64]);

  private static byte[] cosignPem(String json) {
    return Pem.encode("ENCRYPTED SIGSTORE PRIVATE KEY", json.getBytes(StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String envelope(String kdfName, String n, String r, String p, String salt, String cipher,
      String nonce, String ciphertext) {
    return "{\"kdf\":{\"name\":" + kdfName + ",\"params\":{\"N\":" + n + ",\"r\":" + r + ",\"p\":" + p
        + "},\"salt\":" + salt + "},\"cipher\":{\"name\":" + cipher + ",\"nonce\":" + nonce + "},\"ciphertext\":"
        + ciphertext + "}";
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static void assertInvalid(String json, String messagePart) {
    InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
        InvalidInputException.class, () -> CosignKeys.read(cosignPem(json), "pw".toCharArray(), "bad.key")));
    assertTrue(e.getMessage().startsWith("bad.key"), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "16384 | 8 | 1", "262144 | 8 | 1", "1073741824 | 8 | 1", "65536 | 16 | 1", "65536 | 8 | 2", "0 | 0 | 0",
      "-65536 | 8 | 1", "99999999999999999999999999 | 8 | 1", "65536 | 1000000000 | 1"})
  void refusesScryptCostsCosignDoesNotAcceptBeforeDerivingAnything(String n, String r, String p) {
    assertInvalid(envelope(q("scrypt"), n, r, p, q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)), "scrypt parameters");
  }

  @Test
  void refusesUnknownAlgorithms() {
    assertInvalid(envelope(q("pbkdf2"), "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)),
        "unsupported key derivation 'pbkdf2'");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(SALT), q("aes-gcm"), q(NONCE), q(CT)),
        "unsupported cipher 'aes-gcm'");
  }

  @Test
  void refusesWrongSizesAndBadBase64() {
    String shortSalt = Base64.getEncoder().encodeToString(new byte[16]);
    String longNonce = Base64.getEncoder().encodeToString(new byte[32]);
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(shortSalt), q("nacl/secretbox"), q(NONCE), q(CT)),
        "salt must be 32 bytes, got 16");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(longNonce), q(CT)),
        "nonce must be 24 bytes, got 32");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q("%%%"), q("nacl/secretbox"), q(NONCE), q(CT)),
        "'kdf.salt' is not valid base64");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q("AAAA")),
        "ciphertext is truncated");
  }

  @Test
  void refusesWrongJsonTypes() {
    assertInvalid(envelope("1", "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)), "'kdf.name'");
    assertInvalid(envelope(q("scrypt"), "65536.5", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)),
        "integer 'kdf.params.N'");
    assertInvalid(envelope(q("scrypt"), q("65536"), "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)),
        "integer 'kdf.params.N'");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", "[]", q("nacl/secretbox"), q(NONCE), q(CT)), "'kdf.salt'");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), "null"),
        "'ciphertext'");
    assertInvalid("[]", "not an object");
    assertInvalid("{\"kdf\":[]}", "'kdf'");
    assertInvalid("{", "valid JSON");
    assertInvalid(envelope(q("scrypt"), "65536", "8", "1", q(SALT), q("nacl/secretbox"), q(NONCE), q(CT)) + "x",
        "valid JSON");
    assertInvalid("{\"kdf\":{},\"kdf\":{}}", "valid JSON");
  }

  @Test
  void refusesSec1InsideTheEnvelopeAsCosignDoes() throws Exception {
    ECPrivateKey ec = (ECPrivateKey) KeyGeneration.generate().getPrivate();
    byte[] d = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, ec.getS());
    byte[] sec1 = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(1),
        new DEROctetString(d), new DERTaggedObject(true, 0, SECObjectIdentifiers.secp256r1)}).getEncoded();
    String pem = Pem.encode(CosignKeyFormat.LABEL, CosignKeyCipher.seal(sec1, "pw".toCharArray(), 32768).toJson());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CosignKeys.read(pem.getBytes(StandardCharsets.US_ASCII), "pw".toCharArray(), "sec1.key"));
    assertTrue(e.getMessage().contains("SEC1"), e.getMessage());
    // The same SEC1 bytes are a fine key on their own: only the container refuses them.
    PemKeys.readPrivateKey(Pem.encode("EC PRIVATE KEY", sec1).getBytes(StandardCharsets.US_ASCII), "sec1.pem");
  }

  @Test
  void refusesGarbageThatDecryptsCorrectly() {
    String pem = Pem.encode(CosignKeyFormat.LABEL,
        CosignKeyCipher.seal("not a key".getBytes(StandardCharsets.US_ASCII), "pw".toCharArray(), 32768).toJson());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CosignKeys.read(pem.getBytes(StandardCharsets.US_ASCII), "pw".toCharArray(), "junk.key"));
    assertTrue(e.getMessage().contains("malformed PKCS#8"), e.getMessage());
  }
}
