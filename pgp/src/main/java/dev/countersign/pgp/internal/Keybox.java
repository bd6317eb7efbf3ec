package dev.countersign.pgp.internal;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.KeyBox;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.jcajce.JcaKeyBoxBuilder;

/** GnuPG 2 keybox files ({@code pubring.kbx}), read with Bouncy Castle; X.509 blobs are skipped. */
public final class Keybox {
  private static final byte[] MAGIC = "KBXf".getBytes(StandardCharsets.US_ASCII);

  private Keybox() {}

  /** Whether {@code data} starts with a keybox header blob (type 1, magic {@code KBXf}). */
  public static boolean isKeybox(byte[] data) {
    return data.length >= 32 && data[4] == 1 && Arrays.equals(data, 8, 12, MAGIC, 0, 4);
  }

  /** The OpenPGP keyrings in a keybox, checking each blob's checksum. */
  public static List<KeyringCodec.Ring> parse(byte[] data, String what) {
    List<KeyringCodec.Ring> rings = new ArrayList<>();
    try {
      KeyBox box = new JcaKeyBoxBuilder().setProvider(Bc.provider()).build(data);
      for (KeyBlob blob : box.getKeyBlobs()) {
        if (blob instanceof PublicKeyRingBlob pgp) {
          rings.add(new KeyringCodec.Ring(pgp.getPGPPublicKeyRing(), null));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException(what + " is not a valid GnuPG keybox (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
    if (rings.isEmpty()) {
      throw new InvalidInputException(what + " is a GnuPG keybox that holds no OpenPGP key");
    }
    return rings;
  }
}
