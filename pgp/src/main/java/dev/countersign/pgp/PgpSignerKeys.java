package dev.countersign.pgp;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.Signer;
import dev.countersign.pgp.internal.Bc;
import dev.countersign.pgp.internal.KeyValidity;
import dev.countersign.pgp.internal.KeyringCodec;
import dev.countersign.pgp.internal.SignerContentSigner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;

/**
 * OpenPGP keys whose secret half lives in a core {@link Signer} (a KMS key, a file key, a Tink key): the v4 key
 * packet is built from the Signer's public key (RSA, ECDSA P-256/P-384/P-521, Ed25519) and every signature,
 * including the self-signature, is one {@link Signer#signDigest} over the OpenPGP hash, which uses the Signer's
 * digest algorithm (SHA-256 for a P-256 or RSA PKCS#1 v1.5 SHA-256 key). Ed25519 (legacy EdDSA, as GnuPG 2.2
 * reads it) signs the OpenPGP hash as its message with {@link Signer#sign(byte[])}: Signers that cannot sign
 * messages, and RSA-PSS Signers, are refused. The key's fingerprint depends on its creation time, so keep the
 * public keyring (or the time) and {@link #attach} the Signer again later.
 */
public final class PgpSignerKeys {
  private PgpSignerKeys() {}

  /**
   * A new OpenPGP key for {@code signer}: primary key (flags certify and sign) created at {@code creationTime}
   * (whole seconds), one user id certified by a positive self-signature made at the same time.
   *
   * @throws InvalidInputException for an unsupported key or Signer, or a user id with line breaks
   */
  public static PgpKey create(Signer signer, String userId, Instant creationTime) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(creationTime, "creationTime");
    if (userId == null || userId.isBlank() || userId.length() > 1024 || userId.matches("(?s).*[\\r\\n].*")) {
      throw new InvalidInputException("user id must be one non-empty line of at most 1024 characters");
    }
    Date created = Date.from(creationTime.truncatedTo(ChronoUnit.SECONDS));
    try {
      PGPPublicKey pub = new JcaPGPKeyConverter().setProvider(Bc.provider())
          .getPGPPublicKey(algorithm(signer), signer.publicKey(), created);
      SignerContentSigner content = new SignerContentSigner(signer, pub);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, created);
      hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      hashed.setPreferredHashAlgorithms(false, new int[] {content.hashAlgorithm()});
      hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
      hashed.setIssuerFingerprint(false, pub);
      PGPSignatureGenerator gen = new PGPSignatureGenerator(content, pub);
      gen.init(PGPSignature.POSITIVE_CERTIFICATION, new PGPPrivateKey(pub.getKeyID(), pub.getPublicKeyPacket(), null));
      gen.setHashedSubpackets(hashed.generate());
      PGPSignature cert = gen.generateCertification(userId, pub);
      cert.init(Bc.verifiers(), pub);
      if (!cert.verifyCertification(userId, pub)) {
        throw new InvalidInputException("the Signer's signature does not verify with its own public key");
      }
      PGPPublicKeyRing ring = new PGPPublicKeyRing(List.of(PGPPublicKey.addCertification(pub, userId, cert)));
      return attach(PgpKeyring.read(KeyringCodec.encoded(ring)).keys().get(0), signer);
    } catch (PGPException e) {
      throw new BackendException("cannot make an OpenPGP key for the Signer: " + e.getMessage(), false, e);
    }
  }

  /**
   * {@code key} (a public key, e.g. read from its published keyring) with {@code signer} as its secret half.
   *
   * @throws InvalidInputException when the Signer holds another key than the key's signing key
   */
  public static PgpKey attach(PgpKey key, Signer signer) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signer, "signer");
    PGPPublicKeyRing ring = key.bcPublicKeyRing();
    PGPPublicKey signing = KeyValidity.signingKey(ring, Instant.now());
    if (!holds(signer, signing)) {
      throw new InvalidInputException("the Signer's key " + signer.keyId() + " is not the signing key "
          + KeyValidity.fingerprint(signing) + " of OpenPGP key " + key.fingerprint());
    }
    new SignerContentSigner(signer, signing); // refuses Signers that cannot make OpenPGP signatures
    return new PgpKey(ring, null, signer);
  }

  static boolean holds(Signer signer, PGPPublicKey key) {
    try {
      return KeyId.of(new JcaPGPKeyConverter().setProvider(Bc.provider()).getPublicKey(key)).matches(signer.keyId());
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  private static int algorithm(Signer signer) {
    switch (signer.algorithm().keyType()) {
      case RSA:
        return PublicKeyAlgorithmTags.RSA_GENERAL;
      case ED25519:
        return PublicKeyAlgorithmTags.EDDSA_LEGACY;
      case EC:
        return PublicKeyAlgorithmTags.ECDSA;
      default:
        throw new InvalidInputException("OpenPGP keys cannot be made for " + signer.algorithm().id() + " Signers");
    }
  }
}
