package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.RsaSsaPkcs1Parameters;
import com.google.crypto.tink.signature.RsaSsaPssParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interoperability with Tink's own signature implementation: keysets Tink generates load here, and signatures
 * made by either side verify with the other (Tink's {@link PublicKeyVerify}/{@link PublicKeySign} primitives).
 */
class TinkKeysetInteropTest {
  private static final byte[] DATA = "countersign meets tink".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void registerTink() throws GeneralSecurityException {
    SignatureConfig.register();
  }

  static Stream<Arguments> tinkParameters() throws GeneralSecurityException {
    return Stream.of(
        Arguments.of(ecdsa(EcdsaParameters.CurveType.NIST_P256, EcdsaParameters.HashType.SHA256),
            SignatureAlgorithm.ECDSA_P256_SHA256),
        Arguments.of(ecdsa(EcdsaParameters.CurveType.NIST_P384, EcdsaParameters.HashType.SHA384),
            SignatureAlgorithm.ECDSA_P384_SHA384),
        Arguments.of(ecdsa(EcdsaParameters.CurveType.NIST_P521, EcdsaParameters.HashType.SHA512),
            SignatureAlgorithm.ECDSA_P521_SHA512),
        Arguments.of(Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX), SignatureAlgorithm.ED25519),
        Arguments.of(RsaSsaPkcs1Parameters.builder().setModulusSizeBits(2048)
            .setPublicExponent(RsaSsaPkcs1Parameters.F4).setHashType(RsaSsaPkcs1Parameters.HashType.SHA256)
            .setVariant(RsaSsaPkcs1Parameters.Variant.NO_PREFIX).build(), SignatureAlgorithm.RSA_PKCS1V15_SHA256),
        Arguments.of(RsaSsaPssParameters.builder().setModulusSizeBits(2048)
            .setPublicExponent(RsaSsaPssParameters.F4).setSigHashType(RsaSsaPssParameters.HashType.SHA256)
            .setMgf1HashType(RsaSsaPssParameters.HashType.SHA256).setSaltLengthBytes(32)
            .setVariant(RsaSsaPssParameters.Variant.NO_PREFIX).build(), SignatureAlgorithm.RSA_PSS_SHA256),
        Arguments.of(RsaSsaPssParameters.builder().setModulusSizeBits(2048)
            .setPublicExponent(RsaSsaPssParameters.F4).setSigHashType(RsaSsaPssParameters.HashType.SHA512)
            .setMgf1HashType(RsaSsaPssParameters.HashType.SHA512).setSaltLengthBytes(64)
            .setVariant(RsaSsaPssParameters.Variant.NO_PREFIX).build(), SignatureAlgorithm.RSA_PSS_SHA512));
  }

  @ParameterizedTest
  @MethodSource("tinkParameters")
  void tinkGeneratedKeysetSignsAndVerifiesBothWays(Parameters params, SignatureAlgorithm expected) throws Exception {
    KeysetHandle tink = KeysetHandle.generateNew(params);
    checkBothWays(tink, TinkKeyset.of(tink), expected);
  }

  @ParameterizedTest
  @MethodSource("tinkParameters")
  void tinkJsonKeysetReadBackInteroperates(Parameters params, SignatureAlgorithm expected) throws Exception {
    KeysetHandle tink = KeysetHandle.generateNew(params);
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(tink, InsecureSecretKeyAccess.get());
    TinkKeyset ours = TinkKeyset.readCleartext(json.getBytes(StandardCharsets.UTF_8));
    checkBothWays(tink, ours, expected);

    // Our JSON output read by Tink.
    KeysetHandle back = TinkJsonProtoKeysetFormat.parseKeyset(ours.toCleartextJson(), InsecureSecretKeyAccess.get());
    assertTrue(back.equalsKeyset(tink));
    // Our public JSON read by Tink verifies our signature; Tink's public JSON read here verifies Tink's.
    KeysetHandle tinkPub = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(ours.toPublicJson());
    tinkPub.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class).verify(ours.signer().sign(DATA), DATA);
    TinkKeyset oursPub = TinkKeyset.readPublic(TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
        tink.getPublicKeysetHandle()).getBytes(StandardCharsets.UTF_8));
    byte[] tinkSig = tink.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(DATA);
    oursPub.verifiers().get(0).verify(DATA, tinkSig);
    assertEquals(ours.primaryKey().keyId(), oursPub.primaryKey().keyId());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
      "ECDSA_P521_SHA512", "ED25519", "RSA_PKCS1V15_SHA256", "RSA_PSS_SHA384"})
  void ourGeneratedKeysetsWorkInTink(SignatureAlgorithm alg) throws Exception {
    TinkKeyset ours = TinkKeyset.generate(alg);
    assertEquals(alg, ours.signer().algorithm());
    KeysetHandle tink = TinkJsonProtoKeysetFormat.parseKeyset(ours.toCleartextJson(), InsecureSecretKeyAccess.get());
    checkBothWays(tink, ours, alg);
  }

  private static void checkBothWays(KeysetHandle tink, TinkKeyset ours, SignatureAlgorithm expected)
      throws GeneralSecurityException {
    Signer signer = ours.signer();
    assertEquals(expected, signer.algorithm());
    PublicKeyVerify tinkVerify = tink.getPublicKeysetHandle()
        .getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    PublicKeySign tinkSign = tink.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);

    byte[] ourSig = signer.sign(DATA);
    tinkVerify.verify(ourSig, DATA);
    byte[] tampered = DATA.clone();
    tampered[0] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> tinkVerify.verify(ourSig, tampered));

    Verifier verifier = ours.verifiers().get(0);
    byte[] tinkSig = tinkSign.sign(DATA);
    verifier.verify(DATA, tinkSig);
    ours.resolver().resolveOne(dev.countersign.core.KeyQuery.byKeyId(signer.keyId())).verify(DATA, tinkSig);
    assertThrows(VerificationException.class, () -> verifier.verify(tampered, tinkSig));
  }

  private static EcdsaParameters ecdsa(EcdsaParameters.CurveType curve, EcdsaParameters.HashType hash)
      throws GeneralSecurityException {
    return EcdsaParameters.builder().setCurveType(curve).setHashType(hash)
        .setSignatureEncoding(EcdsaParameters.SignatureEncoding.DER)
        .setVariant(EcdsaParameters.Variant.NO_PREFIX).build();
  }
}
