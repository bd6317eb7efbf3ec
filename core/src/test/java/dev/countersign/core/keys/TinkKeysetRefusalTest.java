package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.RsaSsaPkcs1Parameters;
import com.google.crypto.tink.signature.RsaSsaPssParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys whose signatures cosign would not accept, or that Countersign does not sign with, are refused. */
class TinkKeysetRefusalTest {
  @BeforeAll
  static void registerTink() throws GeneralSecurityException {
    SignatureConfig.register();
    AeadConfig.register();
  }

  @Test
  void refusesTinkPrefixedKeysSayingHowToFix() throws Exception {
    KeysetHandle h = KeysetHandle.generateNew(ecdsa(EcdsaParameters.SignatureEncoding.DER,
        EcdsaParameters.Variant.TINK));
    String m = refusal(h);
    assertTrue(m.contains("output prefix TINK"), m);
    assertTrue(m.contains("prepends 5 bytes to every signature"), m);
    assertTrue(m.contains("*_RAW template"), m);
    assertTrue(m.contains("DER"), m);
    assertTrue(m.contains("Tink key " + Integer.toUnsignedString(h.getPrimary().getId())), m);
  }

  @Test
  void refusesLegacyAndCrunchyPrefixes() throws Exception {
    String m = refusal(KeysetHandle.generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.LEGACY)));
    assertTrue(m.contains("output prefix LEGACY"), m);
    m = refusal(KeysetHandle.generateNew(RsaSsaPkcs1Parameters.builder().setModulusSizeBits(2048)
        .setPublicExponent(RsaSsaPkcs1Parameters.F4).setHashType(RsaSsaPkcs1Parameters.HashType.SHA256)
        .setVariant(RsaSsaPkcs1Parameters.Variant.CRUNCHY).build()));
    assertTrue(m.contains("output prefix CRUNCHY"), m);
  }

  @Test
  void refusesP1363EcdsaIncludingTinksStockRawTemplate() throws Exception {
    String m = refusal(KeysetHandle.generateNew(KeyTemplates.get("ECDSA_P256_RAW")));
    assertTrue(m.contains("IEEE_P1363 signature encoding"), m);
    assertTrue(m.contains("ECDSA_P256_RAW template"), m);
    assertTrue(m.contains("expect ASN.1 DER"), m);
    assertTrue(m.contains("SignatureEncoding.DER and Variant.NO_PREFIX"), m);
    m = refusal(KeysetHandle.generateNew(ecdsa(EcdsaParameters.SignatureEncoding.IEEE_P1363,
        EcdsaParameters.Variant.NO_PREFIX)));
    assertTrue(m.contains("IEEE_P1363"), m);
  }

  @Test
  void refusesAWholeKeysetWhenAnyKeyIsUnusable() throws Exception {
    KeysetHandle good = KeysetHandle.generateNew(ecdsa(EcdsaParameters.SignatureEncoding.DER,
        EcdsaParameters.Variant.NO_PREFIX));
    KeysetHandle.Builder b = KeysetHandle.newBuilder(good);
    b.addEntry(KeysetHandle.generateEntryFromParameters(Ed25519Parameters.create(Ed25519Parameters.Variant.TINK))
        .withRandomId());
    String m = refusal(b.build());
    assertTrue(m.contains("output prefix TINK"), m);
  }

  @Test
  void refusesParameterCombinationsWithoutACountersignAlgorithm() throws Exception {
    String m = refusal(KeysetHandle.generateNew(EcdsaParameters.builder()
        .setCurveType(EcdsaParameters.CurveType.NIST_P384).setHashType(EcdsaParameters.HashType.SHA512)
        .setSignatureEncoding(EcdsaParameters.SignatureEncoding.DER).setVariant(EcdsaParameters.Variant.NO_PREFIX)
        .build()));
    assertTrue(m.contains("NIST_P384 with SHA512"), m);
    m = refusal(KeysetHandle.generateNew(pss(RsaSsaPssParameters.HashType.SHA256, 0)));
    assertTrue(m.contains("0-byte salt"), m);
  }

  @Test
  void refusesNonSignatureKeysets() throws Exception {
    String m = refusal(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    assertTrue(m.contains("not a signature key"), m);
  }

  @Test
  void refusesRsaLargerThan4096Bits() throws Exception {
    String m = refusal(KeysetHandle.generateNew(RsaSsaPkcs1Parameters.builder().setModulusSizeBits(4160)
        .setPublicExponent(RsaSsaPkcs1Parameters.F4).setHashType(RsaSsaPkcs1Parameters.HashType.SHA256)
        .setVariant(RsaSsaPkcs1Parameters.Variant.NO_PREFIX).build()));
    assertTrue(m.contains("4160 bits is not supported"), m);
  }

  /** Refusal message, checking that both the handle and its JSON form are refused the same way. */
  private static String refusal(KeysetHandle h) throws GeneralSecurityException {
    InvalidInputException direct = assertThrows(InvalidInputException.class, () -> TinkKeyset.of(h));
    byte[] json = TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get())
        .getBytes(StandardCharsets.UTF_8);
    InvalidInputException read = assertThrows(InvalidInputException.class, () -> TinkKeyset.readCleartext(json));
    assertTrue(read.getMessage().equals(direct.getMessage()), read.getMessage());
    return direct.getMessage();
  }

  private static Parameters ecdsa(EcdsaParameters.SignatureEncoding encoding, EcdsaParameters.Variant variant)
      throws GeneralSecurityException {
    return EcdsaParameters.builder().setCurveType(EcdsaParameters.CurveType.NIST_P256)
        .setHashType(EcdsaParameters.HashType.SHA256).setSignatureEncoding(encoding).setVariant(variant).build();
  }

  private static Parameters pss(RsaSsaPssParameters.HashType hash, int salt) throws GeneralSecurityException {
    return RsaSsaPssParameters.builder().setModulusSizeBits(2048).setPublicExponent(RsaSsaPssParameters.F4)
        .setSigHashType(hash).setMgf1HashType(hash).setSaltLengthBytes(salt)
        .setVariant(RsaSsaPssParameters.Variant.NO_PREFIX).build();
  }
}
