package dev.countersign.pgp.internal.helm;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.pgp.internal.Bc;
import dev.countersign.pgp.PgpUnlockedKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/** Canonical-text OpenPGP signatures for cleartext messages, made and checked with Bouncy Castle. */
public final class ClearSignatures {
  /** Hash names allowed in a {@code Hash:} header, with their OpenPGP ids. SHA-1 and MD5 are refused. */
  private static final Map<String, Integer> HASHES = Map.of("SHA256", HashAlgorithmTags.SHA256,
      "SHA384", HashAlgorithmTags.SHA384, "SHA512", HashAlgorithmTags.SHA512, "SHA224", HashAlgorithmTags.SHA224);

  private ClearSignatures() {}

  /** Signs canonical {@code lines} with SHA-512 by {@code key}; zeroes {@code passphrase}. */
  public static PGPSignature sign(List<String> lines, PGPSecretKey key, char[] passphrase, Date created) {
    try {
      return sign(lines, key.getPublicKey(), unlock(key, passphrase), created);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /** Signs canonical {@code lines} with SHA-512 by the unlocked key {@code pub}/{@code priv}. */
  public static PGPSignature sign(List<String> lines, PGPPublicKey pub, PGPPrivateKey priv, Date created) {
    try {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA512)
              .setProvider(Bc.provider()), pub);
      gen.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, priv);
      return sign(lines, gen, pub, created);
    } catch (PGPException e) {
      throw new BackendException("OpenPGP signing failed: " + e.getMessage(), false, e);
    }
  }

  /** Signs canonical {@code lines} by {@code key} with its hash (decrypted or Signer-backed). */
  public static PGPSignature sign(List<String> lines, PgpUnlockedKey key, Date created) {
    return sign(lines, key.bcSignatureGenerator(PGPSignature.CANONICAL_TEXT_DOCUMENT), key.bcPublicKey(), created);
  }

  private static PGPSignature sign(List<String> lines, PGPSignatureGenerator gen, PGPPublicKey pub, Date created) {
    try {
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, created);
      hashed.setIssuerFingerprint(false, pub);
      gen.setHashedSubpackets(hashed.generate());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, pub.getKeyID());
      gen.setUnhashedSubpackets(unhashed.generate());
      gen.update(CanonicalText.signedBytes(lines));
      return gen.generate();
    } catch (PGPException e) {
      throw new BackendException("OpenPGP signing failed: " + e.getMessage(), false, e);
    }
  }

  private static PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase) {
    if (key.isPrivateKeyEmpty()) {
      throw new InvalidInputException("the secret key has no private part (a stub, e.g. on a smartcard)");
    }
    try {
      return key.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(Bc.digests()).setProvider(Bc.provider())
          .build(passphrase == null ? new char[0] : passphrase));
    } catch (PGPException e) {
      if (key.getS2KUsage() != SecretKeyPacket.USAGE_NONE) {
        throw new WrongPasswordException("wrong passphrase for OpenPGP key " + keyId(key.getKeyID()));
      }
      throw new InvalidInputException("cannot read the OpenPGP secret key: " + e.getMessage(), e);
    }
  }

  /** Decodes the armor content: exactly one signature packet, canonical-text, hash named by the headers. */
  public static PGPSignature decode(ClearSignedMessage message) {
    PGPSignatureList list;
    try {
      JcaPGPObjectFactory f = new JcaPGPObjectFactory(message.signature());
      Object o = f.nextObject();
      if (!(o instanceof PGPSignatureList)) {
        throw new InvalidInputException("the signature armor does not hold an OpenPGP signature"
            + (o == null ? "" : " but a " + o.getClass().getSimpleName()));
      }
      list = (PGPSignatureList) o;
      if (f.nextObject() != null) {
        throw new InvalidInputException("the signature armor holds more than one block; exactly one signature is "
            + "allowed");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("the signature armor is not a valid OpenPGP signature packet", e);
    }
    if (list.size() != 1) {
      throw new InvalidInputException("the signature armor holds " + list.size() + " signatures; exactly one is "
          + "allowed");
    }
    PGPSignature sig = list.get(0);
    if (sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      throw new InvalidInputException(String.format(Locale.ROOT, "signature type is 0x%02x, not a canonical-text "
          + "signature (0x01)", sig.getSignatureType()));
    }
    String hash = HASHES.entrySet().stream().filter(e -> e.getValue() == sig.getHashAlgorithm())
        .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new InvalidInputException(
            "signature hash algorithm " + sig.getHashAlgorithm() + " is not allowed (SHA-2 only)"));
    if (!message.hashHeaders().isEmpty() && !message.hashHeaders().contains(hash)) {
      throw new InvalidInputException("signature uses " + hash + " but the Hash header names "
          + message.hashHeaders());
    }
    return sig;
  }

  /** Whether {@code sig} by {@code key} covers the message text. */
  public static boolean verify(PGPSignature sig, PGPPublicKey key, ClearSignedMessage message) {
    try {
      sig.init(Bc.verifiers(), key);
      sig.update(message.signedBytes());
      return sig.verify();
    } catch (PGPException e) {
      throw new InvalidInputException("cannot check the OpenPGP signature: " + e.getMessage(), e);
    }
  }

  public static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }
}
