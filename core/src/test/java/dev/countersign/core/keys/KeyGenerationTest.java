package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifiers;
import dev.countersign.core.internal.KeyInspection;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyGenerationTest {
  @Test
  void defaultIsEcdsaP256() {
    KeyPair keys = KeyGeneration.generate();
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.defaultFor(keys.getPublic()));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"RSA_PKCS1V15_SHA384", "RSA_PKCS1V15_SHA512", "RSA_PSS_SHA384", "RSA_PSS_SHA512"})
  void generatesAKeyForEveryAlgorithm(SignatureAlgorithm algorithm) {
    KeyPair keys = KeyGeneration.generate(algorithm, 2048);
    assertTrue(algorithm.accepts(keys.getPublic()), algorithm + " refuses " + KeyInspection.describe(keys.getPublic()));
    Signer signer = Signers.of(keys, algorithm);
    Verifiers.of(keys.getPublic(), algorithm).verify(KeyFixtures.DATA, signer.sign(KeyFixtures.DATA));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"RSA_PKCS1V15_SHA384", "RSA_PKCS1V15_SHA512",
      "RSA_PSS_SHA384", "RSA_PSS_SHA512"})
  void generatesDefaultSizeRsaForTheOtherRsaAlgorithms(SignatureAlgorithm algorithm) {
    KeyPair keys = KeyGeneration.generate(algorithm);
    assertEquals(KeyGeneration.DEFAULT_RSA_BITS, KeyInspection.rsaBits(keys.getPublic()));
    Verifiers.of(keys.getPublic(), algorithm).verify(KeyFixtures.DATA,
        Signers.of(keys, algorithm).sign(KeyFixtures.DATA));
  }

  @ParameterizedTest
  @ValueSource(ints = {2048, 4096})
  void rsaSizeIsSelectable(int bits) {
    assertEquals(bits, KeyInspection.rsaBits(KeyGeneration.generate(SignatureAlgorithm.RSA_PSS_SHA256, bits).getPublic()));
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 2047, 3000, 8192, 0, -1})
  void refusesOtherRsaSizes(int bits) {
    assertThrows(InvalidInputException.class, () -> KeyGeneration.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256, bits));
  }

  @Test
  void rsaSizeIsIgnoredForOtherKeyTypes() {
    assertEquals("ECDSA P-384", KeyInspection.describe(
        KeyGeneration.generate(SignatureAlgorithm.ECDSA_P384_SHA256, 1).getPublic()).toString());
  }
}
