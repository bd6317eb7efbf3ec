package dev.countersign.core.internal;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Strict ECDSA signature encodings. DER must be canonical (minimal lengths and integers, no trailing bytes), as
 * Go's {@code cryptobyte} parser in cosign demands; r and s must lie in [1, n-1]. High-S values are accepted.
 */
public final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /** The pair (r, s). */
  public record Rs(BigInteger r, BigInteger s) {}

  /** Parses canonical DER {@code SEQUENCE { INTEGER r, INTEGER s }} and checks the range against order {@code n}. */
  public static Rs parseDer(byte[] sig, BigInteger n) {
    if (sig == null || sig.length < 8) {
      throw new InvalidInputException("ECDSA signature is too short to be DER (" + (sig == null ? 0 : sig.length)
          + " bytes)");
    }
    int[] pos = {0};
    if ((sig[pos[0]++] & 0xff) != 0x30) {
      throw new InvalidInputException("ECDSA signature is not a DER SEQUENCE");
    }
    int len = readLength(sig, pos);
    if (pos[0] + len != sig.length) {
      throw new InvalidInputException("ECDSA signature DER length does not match its size (trailing or missing bytes)");
    }
    BigInteger r = readInteger(sig, pos);
    BigInteger s = readInteger(sig, pos);
    if (pos[0] != sig.length) {
      throw new InvalidInputException("ECDSA signature DER has trailing bytes inside the SEQUENCE");
    }
    checkRange(r, s, n);
    return new Rs(r, s);
  }

  /** Throws unless 1 <= r, s < n. */
  public static void checkRange(BigInteger r, BigInteger s, BigInteger n) {
    if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      throw new InvalidInputException("ECDSA signature values are out of range [1, n-1]");
    }
  }

  /** Canonical DER of (r, s). */
  public static byte[] toDer(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(rb.length + sb.length + 8);
    out.write(0x30);
    writeLength(out, rb.length + sb.length + 2 + lengthSize(rb.length) + lengthSize(sb.length));
    out.write(0x02);
    writeLength(out, rb.length);
    out.writeBytes(rb);
    out.write(0x02);
    writeLength(out, sb.length);
    out.writeBytes(sb);
    return out.toByteArray();
  }

  /** Converts IEEE P1363 {@code r||s} (each {@code fieldBytes} long) to canonical DER. */
  public static byte[] p1363ToDer(byte[] raw, int fieldBytes, BigInteger n) {
    if (raw.length != 2 * fieldBytes) {
      throw new InvalidInputException("IEEE P1363 ECDSA signature must be " + 2 * fieldBytes + " bytes, got "
          + raw.length);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, fieldBytes));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, fieldBytes, raw.length));
    checkRange(r, s, n);
    return toDer(r, s);
  }

  /** Converts DER to IEEE P1363 {@code r||s} with each half {@code fieldBytes} long. */
  public static byte[] derToP1363(byte[] der, int fieldBytes, BigInteger n) {
    Rs rs = parseDer(der, n);
    byte[] out = new byte[2 * fieldBytes];
    copyUnsigned(rs.r(), out, 0, fieldBytes);
    copyUnsigned(rs.s(), out, fieldBytes, fieldBytes);
    return out;
  }

  private static void copyUnsigned(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int start = b.length > len ? b.length - len : 0;
    System.arraycopy(b, start, out, off + len - (b.length - start), b.length - start);
  }

  private static int readLength(byte[] b, int[] pos) {
    if (pos[0] >= b.length) {
      throw new InvalidInputException("ECDSA signature DER is truncated");
    }
    int first = b[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    if (first != 0x81) {
      throw new InvalidInputException("ECDSA signature DER uses an unsupported or non-minimal length form");
    }
    if (pos[0] >= b.length) {
      throw new InvalidInputException("ECDSA signature DER is truncated");
    }
    int len = b[pos[0]++] & 0xff;
    if (len < 0x80) {
      throw new InvalidInputException("ECDSA signature DER length is not minimally encoded");
    }
    return len;
  }

  private static BigInteger readInteger(byte[] b, int[] pos) {
    if (pos[0] >= b.length || (b[pos[0]++] & 0xff) != 0x02) {
      throw new InvalidInputException("ECDSA signature DER: expected INTEGER");
    }
    int len = readLength(b, pos);
    if (len == 0 || pos[0] + len > b.length) {
      throw new InvalidInputException("ECDSA signature DER INTEGER is empty or truncated");
    }
    byte[] v = Arrays.copyOfRange(b, pos[0], pos[0] + len);
    if (v[0] < 0) {
      throw new InvalidInputException("ECDSA signature DER INTEGER is negative");
    }
    if (len > 1 && v[0] == 0 && v[1] >= 0) {
      throw new InvalidInputException("ECDSA signature DER INTEGER has a non-minimal leading zero");
    }
    pos[0] += len;
    return new BigInteger(1, v);
  }

  private static int lengthSize(int len) {
    return len < 0x80 ? 1 : 2;
  }

  private static void writeLength(ByteArrayOutputStream out, int len) {
    if (len >= 0x80) {
      out.write(0x81);
    }
    out.write(len);
  }
}
