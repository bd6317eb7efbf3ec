package dev.countersign.pgp.internal.helm;

/** The OpenPGP armor checksum (RFC 4880 §6.1, CRC-24). */
final class Crc24 {
  private static final int INIT = 0xB704CE;
  private static final int POLY = 0x1864CFB;

  private Crc24() {}

  static int of(byte[] data) {
    int crc = INIT;
    for (byte b : data) {
      crc ^= (b & 0xff) << 16;
      for (int i = 0; i < 8; i++) {
        crc <<= 1;
        if ((crc & 0x1000000) != 0) {
          crc ^= POLY;
        }
      }
    }
    return crc & 0xFFFFFF;
  }

  static byte[] bytes(int crc) {
    return new byte[] {(byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
  }
}
