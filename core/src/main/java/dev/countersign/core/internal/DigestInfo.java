package dev.countersign.core.internal;

import dev.countersign.core.Digest;
import java.util.HexFormat;

/** PKCS#1 v1.5 DigestInfo encoding (RFC 8017 section 9.2, note 1) of a digest. */
final class DigestInfo {
  private static final byte[] SHA256 = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
  private static final byte[] SHA384 = HexFormat.of().parseHex("3041300d060960864801650304020205000430");
  private static final byte[] SHA512 = HexFormat.of().parseHex("3051300d060960864801650304020305000440");

  private DigestInfo() {}

  static byte[] encode(Digest digest) {
    byte[] prefix;
    switch (digest.algorithm()) {
      case SHA256:
        prefix = SHA256;
        break;
      case SHA384:
        prefix = SHA384;
        break;
      default:
        prefix = SHA512;
    }
    byte[] h = digest.bytes();
    byte[] out = new byte[prefix.length + h.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(h, 0, out, prefix.length, h.length);
    return out;
  }
}
