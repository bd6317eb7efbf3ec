package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import java.security.KeyPair;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * cosign's encrypted private key file: PEM {@code ENCRYPTED SIGSTORE PRIVATE KEY} (also read:
 * {@code ENCRYPTED COSIGN PRIVATE KEY}) around base64 of the {@link CosignEnvelope} JSON, whose plaintext is PKCS#8
 * DER. As in cosign, a SEC1 key inside the envelope is refused. Decrypted bytes are zeroed after parsing.
 */
public final class CosignKeyFormat {
  /** The PEM label written (cosign v2 and later). */
  public static final String LABEL = "ENCRYPTED SIGSTORE PRIVATE KEY";

  private CosignKeyFormat() {}

  /** Decrypts and decodes a cosign key file. */
  public static KeyPair decode(byte[] data, char[] password, String source) {
    KeyFileFormat format = KeyFileFormat.detect(data, source);
    if (format != KeyFileFormat.COSIGN_ENCRYPTED) {
      throw new InvalidInputException(source + " is not an encrypted cosign key (PEM type '" + format.label()
          + "', expected '" + LABEL + "')");
    }
    Pem.Block block = Pem.decode(data, source);
    CosignEnvelope envelope = CosignEnvelope.parse(block.der(), source);
    byte[] plain = CosignKeyCipher.open(envelope, password, source);
    try {
      return PrivateKeyDecoder.fromPkcs8(plain, source);
    } catch (InvalidInputException e) {
      if (isSec1(plain)) {
        throw new InvalidInputException(source + ": the encrypted key holds a SEC1 EC private key; cosign keys hold"
            + " PKCS#8 (re-import the key to convert it)");
      }
      throw e;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Encrypts the PKCS#8 encoding {@code pkcs8} into a cosign key file with scrypt cost {@code n}. */
  public static String encode(byte[] pkcs8, char[] password, int n) {
    CosignEnvelope envelope = CosignKeyCipher.seal(pkcs8, password, n);
    return Pem.encode(LABEL, envelope.toJson());
  }

  /** Whether {@code der} is shaped like SEC1: SEQUENCE { INTEGER 1, OCTET STRING, ... }. */
  private static boolean isSec1(byte[] der) {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      return seq.size() >= 2 && seq.getObjectAt(0) instanceof ASN1Integer
          && ((ASN1Integer) seq.getObjectAt(0)).hasValue(1) && seq.getObjectAt(1) instanceof ASN1OctetString;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
