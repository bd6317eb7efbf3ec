package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.WrongPasswordException;
import java.math.BigInteger;
import java.security.Provider;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Decrypts PKCS#8 {@code EncryptedPrivateKeyInfo} ({@code ENCRYPTED PRIVATE KEY}) protected with PBES2: PBKDF2
 * and AES-CBC or 3DES-CBC, what {@code openssl pkcs8 -topk8 -v2} writes. The PBKDF2 iteration count is capped
 * before any derivation runs. Bouncy Castle's provider is used as a private instance, never registered.
 */
public final class EncryptedPkcs8 {
  /** Largest PBKDF2 iteration count accepted (well above the 600,000 OWASP recommends for SHA-256). */
  public static final int MAX_ITERATIONS = 5_000_000;

  /** Supported ciphers and their key sizes in bytes. */
  private static final Map<ASN1ObjectIdentifier, Integer> CIPHERS = Map.of(NISTObjectIdentifiers.id_aes128_CBC, 16,
      NISTObjectIdentifiers.id_aes192_CBC, 24, NISTObjectIdentifiers.id_aes256_CBC, 32,
      PKCSObjectIdentifiers.des_EDE3_CBC, 24);

  private static final Set<ASN1ObjectIdentifier> PRFS = Set.of(PKCSObjectIdentifiers.id_hmacWithSHA1,
      PKCSObjectIdentifiers.id_hmacWithSHA224, PKCSObjectIdentifiers.id_hmacWithSHA256,
      PKCSObjectIdentifiers.id_hmacWithSHA384, PKCSObjectIdentifiers.id_hmacWithSHA512);

  private EncryptedPkcs8() {}

  /**
   * The decrypted PKCS#8 DER (the caller zeroes it).
   *
   * @throws WrongPasswordException when decryption fails with this password
   * @throws InvalidInputException when the structure or its algorithms are malformed or unsupported
   */
  public static byte[] decrypt(byte[] der, char[] password, String source) {
    Objects.requireNonNull(password, "password");
    EncryptedPrivateKeyInfo info = Der.guarded(source, "encrypted PKCS#8 private key", () -> checked(der, source));
    PrivateKeyInfo plain;
    try {
      plain = new PKCS8EncryptedPrivateKeyInfo(info).decryptPrivateKeyInfo(
          new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password));
    } catch (Exception e) {
      throw new WrongPasswordException("wrong password for " + source + " (the encrypted PKCS#8 key did not decrypt)");
    }
    try {
      return plain.getEncoded();
    } catch (java.io.IOException | RuntimeException e) {
      throw new InvalidInputException(source + ": decrypted PKCS#8 key cannot be encoded");
    }
  }

  /**
   * Checks the structure, its algorithms and the PBKDF2 cost without deriving anything, so that a malformed file
   * fails before a password is asked for.
   */
  public static void check(byte[] der, String source) {
    Der.guarded(source, "encrypted PKCS#8 private key", () -> checked(der, source));
  }

  private static EncryptedPrivateKeyInfo checked(byte[] der, String source) {
    EncryptedPrivateKeyInfo info = Der.parse(der, source, "encrypted PKCS#8 private key",
        EncryptedPrivateKeyInfo::getInstance);
    ASN1ObjectIdentifier scheme = info.getEncryptionAlgorithm().getAlgorithm();
    if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme)) {
      throw new InvalidInputException(source + ": encrypted PKCS#8 scheme " + scheme.getId() + " is not supported;"
          + " only PBES2 (openssl pkcs8 -topk8 -v2 aes-256-cbc) is");
    }
    PBES2Parameters pbes2 = Der.parse(encoded(info, source), source, "PBES2 parameters",
        PBES2Parameters::getInstance);
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(pbes2.getKeyDerivationFunc().getAlgorithm())) {
      throw new InvalidInputException(source + ": encrypted PKCS#8 key derivation "
          + pbes2.getKeyDerivationFunc().getAlgorithm().getId() + " is not supported; only PBKDF2 is");
    }
    PBKDF2Params kdf;
    try {
      kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": malformed PBKDF2 parameters");
    }
    BigInteger iterations = kdf.getIterationCount();
    if (iterations.signum() <= 0 || iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
      throw new InvalidInputException(source + ": PBKDF2 iteration count must be 1 to " + MAX_ITERATIONS);
    }
    if (!PRFS.contains(kdf.getPrf().getAlgorithm())) {
      throw new InvalidInputException(source + ": PBKDF2 function " + kdf.getPrf().getAlgorithm().getId()
          + " is not supported (HMAC with SHA-1 or SHA-2)");
    }
    ASN1ObjectIdentifier cipher = pbes2.getEncryptionScheme().getAlgorithm();
    Integer keyBytes = CIPHERS.get(cipher);
    if (keyBytes == null) {
      throw new InvalidInputException(source + ": encrypted PKCS#8 cipher " + cipher.getId()
          + " is not supported (AES-CBC or 3DES-CBC)");
    }
    if (kdf.getKeyLength() != null && !kdf.getKeyLength().equals(BigInteger.valueOf(keyBytes))) {
      throw new InvalidInputException(source + ": PBKDF2 key length does not fit the cipher");
    }
    int ivBytes = cipher.equals(PKCSObjectIdentifiers.des_EDE3_CBC) ? 8 : 16;
    if (ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters()).getOctets().length != ivBytes) {
      throw new InvalidInputException(source + ": encrypted PKCS#8 cipher IV must be " + ivBytes + " bytes");
    }
    return info;
  }

  private static byte[] encoded(EncryptedPrivateKeyInfo info, String source) {
    try {
      if (info.getEncryptionAlgorithm().getParameters() == null) {
        throw new InvalidInputException(source + ": PBES2 parameters are missing");
      }
      return info.getEncryptionAlgorithm().getParameters().toASN1Primitive().getEncoded();
    } catch (java.io.IOException e) {
      throw new InvalidInputException(source + ": malformed PBES2 parameters");
    }
  }

  /** A private Bouncy Castle provider instance, created on first use. */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
