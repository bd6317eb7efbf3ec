package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.kms.aws.internal.KmsAlgorithms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

class KmsAlgorithmsTest {
  @Test
  void cosignDefaultIsTheFirstListedAlgorithm() {
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, KmsAlgorithms.choose("k", KeySpec.ECC_NIST_P256,
        List.of(SigningAlgorithmSpec.ECDSA_SHA_256), null));
    assertEquals(SignatureAlgorithm.ECDSA_P384_SHA384, KmsAlgorithms.choose("k", KeySpec.ECC_NIST_P384,
        List.of(SigningAlgorithmSpec.ECDSA_SHA_384), null));
    assertEquals(SignatureAlgorithm.ECDSA_P521_SHA512, KmsAlgorithms.choose("k", KeySpec.ECC_NIST_P521,
        List.of(SigningAlgorithmSpec.ECDSA_SHA_512), null));
    assertEquals(SignatureAlgorithm.RSA_PSS_SHA384, KmsAlgorithms.choose("k", KeySpec.RSA_4096,
        List.of(SigningAlgorithmSpec.RSASSA_PSS_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256), null));
  }

  @Test
  void everyRsaAlgorithmMaps() {
    for (SigningAlgorithmSpec s : List.of(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
        SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_512)) {
      SignatureAlgorithm a = KmsAlgorithms.fromKms(KeySpec.RSA_2048, s);
      assertEquals(s, KmsAlgorithms.toKms(a));
    }
    assertEquals(SignatureAlgorithm.ECDSA_P384_SHA256,
        KmsAlgorithms.fromKms(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_256));
    assertNull(KmsAlgorithms.fromKms(KeySpec.RSA_2048, SigningAlgorithmSpec.ECDSA_SHA_256));
    assertNull(KmsAlgorithms.fromKms(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.RSASSA_PSS_SHA_256));
    assertNull(KmsAlgorithms.fromKms(KeySpec.SM2, SigningAlgorithmSpec.SM2_DSA));
  }

  @ParameterizedTest
  @EnumSource(value = KeySpec.class, names = {"ECC_SECG_P256_K1", "SM2", "HMAC_256", "SYMMETRIC_DEFAULT",
      "ML_DSA_65", "ECC_NIST_EDWARDS25519", "UNKNOWN_TO_SDK_VERSION"})
  void unsupportedSpecsAreRefusedNamingTheKey(KeySpec spec) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> KmsAlgorithms.choose("arn:aws:kms:us-east-1:111122223333:key/k", spec, List.of(), null));
    assertTrue(e.getMessage().contains("arn:aws:kms:us-east-1:111122223333:key/k"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot sign"), e.getMessage());
  }
}
