package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Encrypted keysets, rotation, disabling, public keysets and input checks. */
class TinkKeysetTest {
  private static final byte[] DATA = "release-1.0.tar.gz".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = "countersign keyset".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Aead aead;
  private static Aead otherAead;

  @BeforeAll
  static void aeads() throws GeneralSecurityException {
    AeadConfig.register();
    aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
    otherAead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  @Test
  void encryptedKeysetRoundTrips() throws Exception {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256).rotate(SignatureAlgorithm.ED25519);
    String encrypted = ks.toEncryptedJson(aead, AD);
    assertTrue(TinkKeyset.looksLikeKeyset(bytes(encrypted)));
    for (JsonNode k : JSON.readTree(ks.toCleartextJson()).get("key")) {
      assertFalse(encrypted.contains(k.get("keyData").get("value").asText()), "key material in the clear");
    }
    TinkKeyset back = TinkKeyset.readEncrypted(bytes(encrypted), aead, AD);
    assertEquals(ks.primaryKey().keyId(), back.primaryKey().keyId());
    assertEquals(2, back.verifiers().size());
    back.verifiers().get(0).verify(DATA, back.signer().sign(DATA));
    ks.verifiers().get(0).verify(DATA, back.signer().sign(DATA));
  }

  @Test
  void wrongAeadOrAssociatedDataIsAClearError() {
    byte[] encrypted = bytes(TinkKeyset.generate(SignatureAlgorithm.ED25519).toEncryptedJson(aead, AD));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TinkKeyset.readEncrypted(encrypted, otherAead, AD));
    assertTrue(e.getMessage().startsWith("cannot decrypt the Tink keyset with the given AEAD"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TinkKeyset.readEncrypted(encrypted, aead, DATA));
    assertTrue(e.getMessage().contains("wrong key or associated data"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TinkKeyset.readCleartext(encrypted));
    assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
    byte[] clear = bytes(TinkKeyset.generate(SignatureAlgorithm.ED25519).toCleartextJson());
    e = assertThrows(InvalidInputException.class, () -> TinkKeyset.readEncrypted(clear, aead, AD));
    assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
  }

  @Test
  void rotationKeepsOldKeysForVerificationUntilDisabled() {
    TinkKeyset first = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    byte[] oldSig = first.signer().sign(DATA);
    TinkKey oldKey = first.primaryKey();

    TinkKeyset rotated = first.rotate();
    assertEquals(1, first.keys().size(), "rotate must not change the original");
    assertEquals(2, rotated.keys().size());
    TinkKey newKey = rotated.primaryKey();
    assertNotEquals(oldKey.tinkKeyId(), newKey.tinkKeyId());
    assertNotEquals(oldKey.keyId(), newKey.keyId());
    assertEquals(newKey.keyId(), rotated.signer().keyId());
    assertEquals(newKey.keyId(), rotated.verifiers().get(0).keyId(), "primary first");

    byte[] newSig = rotated.signer().sign(DATA);
    rotated.resolver().resolveOne(KeyQuery.byKeyId(oldKey.keyId())).verify(DATA, oldSig);
    rotated.resolver().resolveOne(KeyQuery.byKeyId(newKey.keyId())).verify(DATA, newSig);
    assertThrows(VerificationException.class,
        () -> rotated.resolver().resolveOne(KeyQuery.byKeyId(oldKey.keyId())).verify(DATA, newSig));

    TinkKeyset retired = rotated.disable(oldKey.tinkKeyId());
    assertTrue(retired.resolver().resolve(KeyQuery.byKeyId(oldKey.keyId())).isEmpty());
    assertThrows(KeyNotFoundException.class,
        () -> retired.resolver().resolveOne(KeyQuery.byKeyId(oldKey.keyId())));
    assertEquals(1, retired.verifiers().size());
    assertThrows(VerificationException.class, () -> retired.verifiers().get(0).verify(DATA, oldSig));
    assertEquals(2, retired.keys().size());
    assertFalse(retired.keys().stream().filter(k -> !k.primary()).findFirst().orElseThrow().enabled());

    // The status survives serialisation.
    TinkKeyset reread = TinkKeyset.readCleartext(bytes(retired.toCleartextJson()));
    assertTrue(reread.resolver().resolve(KeyQuery.byKeyId(oldKey.keyId())).isEmpty());
    reread.resolver().resolveOne(KeyQuery.byKeyId(newKey.keyId())).verify(DATA, newSig);
  }

  @Test
  void disableRefusesThePrimaryAndUnknownIds() {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ED25519);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ks.disable(ks.primaryKey().tinkKeyId()));
    assertTrue(e.getMessage().contains("primary"), e.getMessage());
    long unknown = ks.primaryKey().tinkKeyId() ^ 1;
    assertThrows(KeyNotFoundException.class, () -> ks.disable(unknown));
  }

  @Test
  void publicKeysetVerifiesButCannotSign() {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P384_SHA384).rotate();
    byte[] sig = ks.signer().sign(DATA);
    String publicJson = ks.toPublicJson();
    assertFalse(publicJson.contains("ASYMMETRIC_PRIVATE"));
    TinkKeyset pub = TinkKeyset.readPublic(bytes(publicJson));
    assertFalse(pub.hasPrivateKeys());
    assertEquals(2, pub.verifiers().size());
    pub.resolver().resolveOne(KeyQuery.byKeyId(ks.signer().keyId())).verify(DATA, sig);
    InvalidInputException e = assertThrows(InvalidInputException.class, pub::signer);
    assertTrue(e.getMessage().contains("public keys only"), e.getMessage());
    assertThrows(InvalidInputException.class, pub::rotate);
    assertEquals(ks.publicKeyset().primaryKey().keyId(), pub.primaryKey().keyId());
    // A cleartext reader accepts public keysets; a public reader refuses private keys.
    assertFalse(TinkKeyset.readCleartext(bytes(publicJson)).hasPrivateKeys());
    e = assertThrows(InvalidInputException.class, () -> TinkKeyset.readPublic(bytes(ks.toCleartextJson())));
    assertTrue(e.getMessage().contains("public Tink keyset"), e.getMessage());
  }

  @Test
  void disabledPrimaryCannotSign() throws Exception {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ED25519);
    String json = ks.toCleartextJson().replace("\"ENABLED\"", "\"DISABLED\"");
    TinkKeyset disabled = TinkKeyset.readCleartext(bytes(json));
    InvalidInputException e = assertThrows(InvalidInputException.class, disabled::signer);
    assertTrue(e.getMessage().contains("not enabled"), e.getMessage());
    assertTrue(disabled.verifiers().isEmpty());
  }

  @Test
  void destroyedKeysAreLeftOut() throws Exception {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ED25519).rotate();
    long oldId = ks.keys().get(0).tinkKeyId();
    ObjectNode root = (ObjectNode) JSON.readTree(ks.toCleartextJson());
    ObjectNode old = (ObjectNode) root.get("key").get(0);
    old.put("status", "DESTROYED");
    TinkKeyset reread = TinkKeyset.readCleartext(bytes(JSON.writeValueAsString(root)));
    assertEquals(1, reread.keys().size());
    assertEquals(ks.primaryKey().keyId(), reread.signer().keyId());
    assertThrows(KeyNotFoundException.class, () -> reread.disable(oldId));
  }

  @Test
  void detectsKeysetDocumentsCheaply() {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.ED25519);
    assertTrue(TinkKeyset.looksLikeKeyset(bytes(ks.toCleartextJson())));
    assertTrue(TinkKeyset.looksLikeKeyset(bytes(ks.toPublicJson())));
    assertTrue(TinkKeyset.looksLikeKeyset(bytes(ks.toEncryptedJson(aead, null))));
    for (String s : new String[] {"", "{}", "[]", "null", "{\"key\":[]}", "{\"primaryKeyId\":1,\"key\":{}}",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n", "{\"encryptedKeyset\":5}",
        "{\"payloadType\":\"x\",\"payload\":\"\",\"signatures\":[]}"}) {
      assertFalse(TinkKeyset.looksLikeKeyset(bytes(s)), s);
    }
    assertFalse(TinkKeyset.looksLikeKeyset(null));
    byte[] huge = new byte[TinkKeyset.MAX_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');
    assertFalse(TinkKeyset.looksLikeKeyset(huge));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TinkKeyset.readCleartext(huge));
    assertTrue(e.getMessage().contains("more than the 1048576 bytes"), e.getMessage());
  }

  @Test
  void encryptedKeysetWithoutAssociatedDataAndToStringWithoutSecrets() throws Exception {
    TinkKeyset ks = TinkKeyset.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
    assertEquals(3072, ((java.security.interfaces.RSAKey) ks.primaryKey().publicKey()).getModulus().bitLength());
    TinkKeyset back = TinkKeyset.readEncrypted(bytes(ks.toEncryptedJson(aead, null)), aead, null);
    back.verifiers().get(0).verify(DATA, ks.signer().sign(DATA));
    String text = ks + " " + ks.signer() + " " + ks.keys();
    for (JsonNode k : JSON.readTree(ks.toCleartextJson()).get("key")) {
      assertFalse(text.contains(k.get("keyData").get("value").asText().substring(0, 16)));
    }
    assertTrue(text.startsWith("TinkKeyset{private"), text);
  }

  @Test
  void refusesAlgorithmsTinkCannotGenerate() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TinkKeyset.generate(SignatureAlgorithm.ECDSA_P384_SHA256));
    assertTrue(e.getMessage().contains("ECDSA_P384_SHA384"), e.getMessage());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
