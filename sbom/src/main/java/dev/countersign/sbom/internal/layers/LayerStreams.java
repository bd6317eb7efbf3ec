package dev.countersign.sbom.internal.layers;

import dev.countersign.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The tar stream inside a layer blob: gzip (by magic bytes, whatever the media type says) or uncompressed.
 * Zstandard layers are refused with a clear message: no zstd decoder ships with the JDK and the module adds no
 * native dependency.
 */
final class LayerStreams {
  private LayerStreams() {}

  static InputStream tar(String mediaType, InputStream blob) throws IOException {
    if (mediaType.contains("zstd")) {
      throw new InvalidInputException("zstd-compressed layers are not supported (media type " + mediaType + ")");
    }
    BufferedInputStream in = new BufferedInputStream(blob, 64 * 1024);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(in, 64 * 1024);
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
        && (magic[3] & 0xff) == 0xfd) {
      throw new InvalidInputException("zstd-compressed layers are not supported (zstd magic bytes, media type "
          + mediaType + ")");
    }
    return in;
  }

  /** Reads {@code in} to its end, so that a verifying blob stream checks the digest of the whole blob. */
  static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (in.read(buf) >= 0) {
      // discard
    }
  }
}
