package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.assertSignsAndVerifies;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.WrongPasswordException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CosignKeysTest {
  private static final char[] PASSWORD = "correct horse battery staple \u00e9\u4e2d".toCharArray();

  static Stream<Arguments> keyTypes() {
    return Stream.of(
        Arguments.of(SignatureAlgorithm.ECDSA_P256_SHA256, 0),
        Arguments.of(SignatureAlgorithm.ECDSA_P384_SHA384, 0),
        Arguments.of(SignatureAlgorithm.ECDSA_P521_SHA512, 0),
        Arguments.of(SignatureAlgorithm.ED25519, 0),
        Arguments.of(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 2048),
        Arguments.of(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 3072),
        Arguments.of(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 4096));
  }

  @ParameterizedTest
  @MethodSource("keyTypes")
  void writtenKeysReadBackForEveryKeyType(SignatureAlgorithm algorithm, int rsaBits) throws Exception {
    KeyPair keys = KeyGeneration.generate(algorithm, rsaBits == 0 ? 3072 : rsaBits);
    String pem = CosignKeys.write(keys, PASSWORD);

    assertTrue(pem.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), pem);
    assertTrue(pem.endsWith("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), pem);
    for (String line : pem.split("\n")) {
      assertTrue(line.length() <= 64, "PEM line longer than 64: " + line);
    }
    JsonNode json = new ObjectMapper().readTree(KeyFixtures.pemDer(pem));
    assertEquals(65536, json.at("/kdf/params/N").intValue());
    assertEquals(8, json.at("/kdf/params/r").intValue());
    assertEquals(1, json.at("/kdf/params/p").intValue());
    assertEquals(32, Base64.getDecoder().decode(json.at("/kdf/salt").textValue()).length);
    assertEquals(24, Base64.getDecoder().decode(json.at("/cipher/nonce").textValue()).length);

    KeyPair back = CosignKeys.read(pem.getBytes(StandardCharsets.US_ASCII), PASSWORD, "written.key");
    assertArrayEquals(keys.getPublic().getEncoded(), back.getPublic().getEncoded());
    assertArrayEquals(keys.getPrivate().getEncoded(), back.getPrivate().getEncoded());
    assertSignsAndVerifies(back);
  }

  @Test
  void writesCompactJsonInCosignFieldOrder() {
    String pem = CosignKeys.write(KeyGeneration.generate(), "".toCharArray());
    String json = new String(KeyFixtures.pemDer(pem), StandardCharsets.UTF_8);
    assertTrue(json.matches("\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},"
        + "\"salt\":\"[A-Za-z0-9+/=]{44}\"\\},\"cipher\":\\{\"name\":\"nacl/secretbox\",\"nonce\":\"[A-Za-z0-9+/=]{32}\"\\},"
        + "\"ciphertext\":\"[A-Za-z0-9+/=]+\"\\}"), json);
  }

  @Test
  void emptyPasswordWorksAndIsNotAnyPassword() {
    KeyPair keys = KeyGeneration.generate();
    byte[] pem = CosignKeys.write(keys, new char[0]).getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(keys.getPublic().getEncoded(), CosignKeys.read(pem, new char[0], "k").getPublic().getEncoded());
    assertThrows(WrongPasswordException.class, () -> CosignKeys.read(pem, " ".toCharArray(), "k"));
  }

  @Test
  void saltAndNonceAreFreshEachTime() {
    KeyPair keys = KeyGeneration.generate();
    assertNotEquals(CosignKeys.write(keys, PASSWORD), CosignKeys.write(keys, PASSWORD));
  }

  @Test
  void refusesAKeyPairWhoseHalvesDoNotMatch() {
    KeyPair a = KeyGeneration.generate();
    KeyPair b = KeyGeneration.generate();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CosignKeys.write(new KeyPair(a.getPublic(), b.getPrivate()), PASSWORD));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void exportGivesBothFilesWithMatchingKeyId() {
    KeyPair keys = KeyGeneration.generate(SignatureAlgorithm.ED25519);
    CosignKeyFiles files = CosignKeys.export(keys, PASSWORD);
    assertEquals(dev.countersign.core.KeyId.of(keys.getPublic()), files.keyId());
    assertArrayEquals(keys.getPublic().getEncoded(),
        PemKeys.readPublicKey(files.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "pub").getEncoded());
    assertArrayEquals(keys.getPublic().getEncoded(), CosignKeys.read(
        files.privateKeyPem().getBytes(StandardCharsets.US_ASCII), PASSWORD, "key").getPublic().getEncoded());
    assertFalse(files.toString().contains("PRIVATE"), files.toString());
  }

  @Test
  void readRefusesOtherPemTypes() {
    byte[] pkcs8 = PemKeys.writePrivateKey(KeyGeneration.generate().getPrivate()).getBytes(StandardCharsets.US_ASCII);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CosignKeys.read(pkcs8, PASSWORD, "x.pem"));
    assertTrue(e.getMessage().contains("not an encrypted cosign key"), e.getMessage());
  }

  @Test
  void doesNotZeroOrKeepTheCallersPassword() {
    char[] pw = "secret".toCharArray();
    String pem = CosignKeys.write(KeyGeneration.generate(), pw);
    assertArrayEquals("secret".toCharArray(), pw);
    CosignKeys.read(pem.getBytes(StandardCharsets.US_ASCII), pw, "k");
    assertArrayEquals("secret".toCharArray(), pw);
  }
}
