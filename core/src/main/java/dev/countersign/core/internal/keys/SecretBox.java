package dev.countersign.core.internal.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) in its combined form: the box is the 16-byte Poly1305 tag
 * followed by the encrypted bytes. The Poly1305 one-time key is the first 32 bytes of the XSalsa20 keystream;
 * encryption uses the keystream from offset 32. Built from Bouncy Castle's XSalsa20 and Poly1305 primitives.
 */
public final class SecretBox {
  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;
  /** Nonce length in bytes. */
  public static final int NONCE_BYTES = 24;
  /** Authentication tag length in bytes. */
  public static final int TAG_BYTES = 16;

  private SecretBox() {}

  /** Encrypts and authenticates {@code plaintext}; returns tag || ciphertext. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    byte[] box = new byte[TAG_BYTES + plaintext.length];
    stream.processBytes(plaintext, 0, plaintext.length, box, TAG_BYTES);
    byte[] tag = tag(polyKey, box);
    System.arraycopy(tag, 0, box, 0, TAG_BYTES);
    Arrays.fill(polyKey, (byte) 0);
    return box;
  }

  /**
   * Checks the tag in constant time and decrypts; empty when the tag does not match (wrong key or altered box).
   * The box must hold at least the tag.
   */
  public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_BYTES) {
      throw new IllegalArgumentException("secretbox is shorter than its tag");
    }
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    byte[] expected = tag(polyKey, box);
    Arrays.fill(polyKey, (byte) 0);
    if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[box.length - TAG_BYTES];
    stream.processBytes(box, TAG_BYTES, plaintext.length, plaintext, 0);
    return Optional.of(plaintext);
  }

  private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine e = new XSalsa20Engine();
    e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return e;
  }

  private static byte[] polyKey(XSalsa20Engine stream) {
    byte[] k = new byte[KEY_BYTES];
    stream.processBytes(new byte[KEY_BYTES], 0, KEY_BYTES, k, 0);
    return k;
  }

  /** Poly1305 over the ciphertext part of {@code box} (everything after the tag slot). */
  private static byte[] tag(byte[] polyKey, byte[] box) {
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    mac.update(box, TAG_BYTES, box.length - TAG_BYTES);
    byte[] t = new byte[TAG_BYTES];
    mac.doFinal(t, 0);
    return t;
  }
}
