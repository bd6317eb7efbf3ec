package dev.countersign.pgp.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.util.encoders.Hex;

/**
 * Parses binary or ASCII-armored OpenPGP keyrings (public, secret or both) and GnuPG 2 keyboxes, and writes
 * keyrings back.
 */
public final class KeyringCodec {
  /** Largest keyring accepted, in bytes. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** One transferable key: its public ring and, when the input held it, its secret ring. */
  public record Ring(PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {}

  private KeyringCodec() {}

  /** Reads at most {@link #MAX_BYTES} from {@code in}; more is an {@link InvalidInputException}. */
  public static byte[] readCapped(InputStream in, String what) {
    try {
      byte[] data = in.readNBytes(MAX_BYTES + 1);
      if (data.length > MAX_BYTES) {
        throw new InvalidInputException(what + " is larger than " + MAX_BYTES + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Parses every key in {@code data}; keys present as both public and secret are merged. */
  public static List<Ring> parse(byte[] data, String what) {
    if (data.length == 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (data.length > MAX_BYTES) {
      throw new InvalidInputException(what + " is larger than " + MAX_BYTES + " bytes");
    }
    if (Keybox.isKeybox(data)) {
      return Keybox.parse(data, what);
    }
    Map<String, Ring> rings = new LinkedHashMap<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      PGPObjectFactory factory = new PGPObjectFactory(in, Bc.fingerprints());
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (o instanceof PGPPublicKeyRing pub) {
          merge(rings, new Ring(pub, null));
        } else if (o instanceof PGPSecretKeyRing sec) {
          merge(rings, new Ring(publicOf(sec), sec));
        } else if (!(o instanceof PGPMarker)) {
          throw new InvalidInputException(what + " is not an OpenPGP keyring: it holds a "
              + o.getClass().getSimpleName().replace("PGP", "") + " packet");
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(what + " is not a valid OpenPGP keyring (malformed or truncated packets: "
          + e.getClass().getSimpleName() + ")", e);
    }
    if (rings.isEmpty()) {
      throw new InvalidInputException(what + " holds no OpenPGP key");
    }
    return List.copyOf(rings.values());
  }

  private static PGPPublicKeyRing publicOf(PGPSecretKeyRing sec) {
    List<PGPPublicKey> keys = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = sec.getPublicKeys(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return new PGPPublicKeyRing(keys);
  }

  private static void merge(Map<String, Ring> rings, Ring ring) {
    String fpr = Hex.toHexString(ring.publicRing().getPublicKey().getFingerprint());
    Ring old = rings.get(fpr);
    if (old == null) {
      rings.put(fpr, ring);
    } else {
      PGPSecretKeyRing sec = ring.secretRing() != null ? ring.secretRing() : old.secretRing();
      PGPPublicKeyRing pub = old.secretRing() == null ? old.publicRing() : ring.publicRing();
      rings.put(fpr, new Ring(pub, sec));
    }
  }

  /** Concatenated binary encodings of {@code parts} (each a ring's getEncoded()). */
  public static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** ASCII armor with no Version or other header lines. */
  public static String armor(byte[] binary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      armored.write(binary);
    } catch (IOException e) {
      throw new CountersignException("cannot armor keyring", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Encoded ring bytes, wrapping the (in-memory) IOException. */
  public static byte[] encoded(PGPKeyRing ring) {
    try {
      return ring.getEncoded();
    } catch (IOException e) {
      throw new CountersignException("cannot encode keyring", e);
    }
  }
}
