package dev.countersign.pgp.internal;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyType;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;

/**
 * Bouncy Castle's OpenPGP signing seam over a core {@link Signer}: the OpenPGP hash (of the data and the
 * signature trailer) is computed here with the Signer's digest algorithm and signed by one
 * {@link Signer#signDigest} call (one KMS {@code Sign} for a KMS key). RSA must be PKCS#1 v1.5 (OpenPGP has no
 * PSS in v4 keys); ECDSA's DER signature is what Bouncy Castle turns into the (r, s) MPIs. Ed25519 (legacy
 * EdDSA) signs the OpenPGP hash as its message, so an Ed25519 Signer signs it with {@link Signer#sign(byte[])}
 * (pure Ed25519 over the hash bytes, as GnuPG does); a Signer that cannot sign messages is refused.
 */
public final class SignerContentSigner implements PGPContentSignerBuilder {
  private final Signer signer;
  private final PGPPublicKey publicKey;
  private final int hashAlgorithm;
  private final DigestAlgorithm digest;

  public SignerContentSigner(Signer signer, PGPPublicKey publicKey) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    SignatureAlgorithm alg = signer.algorithm();
    if (alg.keyType() == KeyType.RSA && !alg.name().startsWith("RSA_PKCS1V15")) {
      throw new InvalidInputException("an OpenPGP RSA key signs with PKCS#1 v1.5; a " + alg.id()
          + " Signer cannot make OpenPGP signatures");
    }
    this.digest = alg.digestAlgorithm().orElse(DigestAlgorithm.SHA512);
    this.hashAlgorithm = openPgpHash(digest);
  }

  /** The OpenPGP id of the hash this signer uses. */
  public int hashAlgorithm() {
    return hashAlgorithm;
  }

  static int openPgpHash(DigestAlgorithm d) {
    switch (d) {
      case SHA256:
        return HashAlgorithmTags.SHA256;
      case SHA384:
        return HashAlgorithmTags.SHA384;
      case SHA512:
        return HashAlgorithmTags.SHA512;
      default:
        throw new InvalidInputException("OpenPGP signatures cannot use " + d.ociName());
    }
  }

  @Override
  public PGPContentSigner build(int signatureType, PGPPrivateKey key) {
    if (key.getKeyID() != publicKey.getKeyID()) {
      throw new InvalidInputException("the Signer holds another key than the one asked to sign");
    }
    MessageDigest md = digest.newMessageDigest();
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        md.update((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        md.update(b, off, len);
      }
    };
    return new PGPContentSigner() {
      private byte[] hash;

      private byte[] hash() {
        if (hash == null) {
          hash = md.digest();
        }
        return hash.clone();
      }

      @Override
      public OutputStream getOutputStream() {
        return out;
      }

      @Override
      public byte[] getSignature() {
        if (!signer.algorithm().signsDigest()) {
          return signer.sign(hash());
        }
        return signer.signDigest(Digest.of(digest, hash()));
      }

      @Override
      public byte[] getDigest() {
        return hash();
      }

      @Override
      public int getType() {
        return signatureType;
      }

      @Override
      public int getHashAlgorithm() {
        return hashAlgorithm;
      }

      @Override
      public int getKeyAlgorithm() {
        return publicKey.getAlgorithm();
      }

      @Override
      public long getKeyID() {
        return publicKey.getKeyID();
      }
    };
  }
}
