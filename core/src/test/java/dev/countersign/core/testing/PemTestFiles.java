package dev.countersign.core.testing;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Test-only PEM plumbing for vectors and peers: reads a {@code PUBLIC KEY} PEM with the JDK's KeyFactory over the
 * base64 DER, and writes {@code PUBLIC KEY} / {@code PRIVATE KEY} PEM files for openssl and sigstore-js. Not a PEM
 * library: one block, no encryption.
 */
public final class PemTestFiles {
  private PemTestFiles() {}

  /** Reads a SubjectPublicKeyInfo PEM (EC, Ed25519 or RSA); a corrupt key is an {@link InvalidInputException}. */
  public static PublicKey readPublicKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = text.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new InvalidInputException(pem + " is not a PUBLIC KEY PEM");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + 26, end));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(pem + ": bad base64 in PEM", e);
    }
    String lastError = "";
    for (String alg : new String[] {"EC", "Ed25519", "RSA"}) {
      try {
        PublicKey key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
        if (key instanceof ECPublicKey && !onCurve((ECPublicKey) key)) {
          throw new InvalidInputException(pem + " holds an EC point that is not on its curve");
        }
        return key;
      } catch (InvalidInputException e) {
        throw e;
      } catch (GeneralSecurityException | RuntimeException e) {
        lastError = e.getMessage();
      }
    }
    throw new InvalidInputException(pem + " holds no valid EC, Ed25519 or RSA public key: " + lastError);
  }

  /** The JDK's KeyFactory does not check this: y^2 = x^3 + ax + b (mod p). */
  private static boolean onCurve(ECPublicKey key) {
    ECParameterSpec params = key.getParams();
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    BigInteger x = key.getW().getAffineX();
    BigInteger y = key.getW().getAffineY();
    BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(rhs);
  }

  /** Writes {@code key} as a {@code PUBLIC KEY} PEM. */
  public static Path writePublicKey(Path file, PublicKey key) {
    return write(file, "PUBLIC KEY", key);
  }

  /** Writes a PKCS#8 {@code PRIVATE KEY} PEM (unencrypted; tests only). */
  public static Path writePrivateKey(Path file, java.security.PrivateKey key) {
    return write(file, "PRIVATE KEY", key);
  }

  private static Path write(Path file, String label, Key key) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    try {
      Files.writeString(file, "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n",
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
