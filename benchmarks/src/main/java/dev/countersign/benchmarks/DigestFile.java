package dev.countersign.benchmarks;

import dev.countersign.core.Digest;
import java.nio.file.Path;

/**
 * Whole-process digest run: hashes one file with {@link Digest#compute} and prints the digest and the time spent
 * hashing (excluding JVM start), for comparison with {@code openssl dgst -sha256} on the same file.
 */
public final class DigestFile {
  private DigestFile() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    long start = System.nanoTime();
    Digest d = Digest.sha256(file);
    long nanos = System.nanoTime() - start;
    double mib = file.toFile().length() / (1024.0 * 1024.0);
    System.out.printf("%s  %s%nhashed %.0f MiB in %.3f s = %.0f MiB/s%n", d, file, mib, nanos / 1e9,
        mib / (nanos / 1e9));
  }
}
