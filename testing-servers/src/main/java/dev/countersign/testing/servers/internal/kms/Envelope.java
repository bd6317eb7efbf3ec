package dev.countersign.testing.servers.internal.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * TestKms's symmetric ciphertext blob: {@code "LKMS" | 0x01 | key id (36 ASCII bytes) | IV (12) | AES-256-GCM
 * ciphertext and tag}. Like a real KMS blob it names its key, so Decrypt needs no KeyId. The key id and the
 * encryption context (sorted, length-prefixed UTF-8) are the GCM associated data.
 */
final class Envelope {
  private static final byte[] MAGIC = "LKMS".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int ID_LENGTH = 36;
  private static final int IV_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = MAGIC.length + 1 + ID_LENGTH + IV_LENGTH;

  private Envelope() {
  }

  static byte[] seal(LocalKey key, byte[] plaintext, Map<String, String> context, SecureRandom random) {
    byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(id, context));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER + sealed.length).put(MAGIC).put((byte) VERSION).put(id).put(iv)
          .put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** The key id a blob names, or an InvalidCiphertextException if it is no TestKms blob. */
  static String keyId(byte[] blob) {
    if (blob.length < HEADER + TAG_BITS / 8 || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)
        || blob[MAGIC.length] != VERSION) {
      throw invalidCiphertext();
    }
    return new String(blob, MAGIC.length + 1, ID_LENGTH, StandardCharsets.US_ASCII);
  }

  static byte[] open(SecretKey secretKey, byte[] blob, Map<String, String> context) {
    byte[] id = Arrays.copyOfRange(blob, MAGIC.length + 1, MAGIC.length + 1 + ID_LENGTH);
    byte[] iv = Arrays.copyOfRange(blob, MAGIC.length + 1 + ID_LENGTH, HEADER);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(id, context));
      return cipher.doFinal(blob, HEADER, blob.length - HEADER);
    } catch (AEADBadTagException e) {
      throw invalidCiphertext();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static KmsError invalidCiphertext() {
    return new KmsError("InvalidCiphertextException", 400, null);
  }

  private static byte[] aad(byte[] id, Map<String, String> sortedContext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(id);
    for (Map.Entry<String, String> e : sortedContext.entrySet()) {
      writeField(out, e.getKey());
      writeField(out, e.getValue());
    }
    return out.toByteArray();
  }

  private static void writeField(ByteArrayOutputStream out, String field) {
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
