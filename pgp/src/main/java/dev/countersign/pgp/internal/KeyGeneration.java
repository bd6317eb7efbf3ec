package dev.countersign.pgp.internal;

import dev.countersign.core.CountersignException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;
import java.util.Date;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/** Makes a v4 OpenPGP signing key (primary only, flags certify+sign) as a secret keyring. */
public final class KeyGeneration {
  private KeyGeneration() {}

  /**
   * @param rsaBits modulus size, or 0 for Ed25519 (legacy EdDSA)
   * @param passphrase null or empty for an unprotected key; not kept
   */
  public static PGPSecretKeyRing generate(int rsaBits, String userId, char[] passphrase, Date created,
      long validSeconds) {
    try {
      KeyPair kp;
      int alg;
      if (rsaBits > 0) {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA", Bc.provider());
        gen.initialize(new RSAKeyGenParameterSpec(rsaBits, BigInteger.valueOf(65537)));
        kp = gen.generateKeyPair();
        alg = PublicKeyAlgorithmTags.RSA_GENERAL;
      } else {
        kp = KeyPairGenerator.getInstance("Ed25519", Bc.provider()).generateKeyPair();
        alg = PublicKeyAlgorithmTags.EDDSA_LEGACY;
      }
      PGPKeyPair pair = new JcaPGPKeyPair(alg, kp, created);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      hashed.setPreferredHashAlgorithms(false,
          new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
      hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256,
          SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
      hashed.setPreferredCompressionAlgorithms(false,
          new int[] {CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.UNCOMPRESSED});
      hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
      if (validSeconds > 0) {
        hashed.setKeyExpirationTime(false, validSeconds);
      }
      hashed.setIssuerFingerprint(false, pair.getPublicKey());
      PBESecretKeyEncryptor encryptor = null;
      if (passphrase != null && passphrase.length > 0) {
        encryptor = new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
            Bc.digests().get(HashAlgorithmTags.SHA256), 0x60).setProvider(Bc.provider()).build(passphrase);
      }
      PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
          Bc.sha1(), hashed.generate(), null,
          new JcaPGPContentSignerBuilder(alg, HashAlgorithmTags.SHA512).setProvider(Bc.provider()), encryptor);
      return gen.generateSecretKeyRing();
    } catch (GeneralSecurityException | PGPException e) {
      throw new CountersignException("OpenPGP key generation failed: " + e.getMessage(), e);
    }
  }
}
