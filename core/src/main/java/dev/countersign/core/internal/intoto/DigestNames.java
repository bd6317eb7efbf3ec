package dev.countersign.core.internal.intoto;

import dev.countersign.core.InvalidInputException;
import java.util.Locale;
import java.util.Map;

/**
 * Digest algorithm names of the in-toto digest-set spec whose values are hex of a fixed length, and the check
 * of one entry. {@code gitCommit}, {@code gitTree}, {@code gitBlob} and {@code gitTag} are SHA-1 (40) or
 * SHA-256 (64) object names.
 */
public final class DigestNames {
  /** Longest algorithm name or value accepted for algorithms not listed here. */
  static final int MAX_OTHER = 1024;

  private static final Map<String, Integer> HEX_LENGTHS = Map.ofEntries(
      Map.entry("sha256", 64), Map.entry("sha224", 56), Map.entry("sha384", 96), Map.entry("sha512", 128),
      Map.entry("sha512_224", 56), Map.entry("sha512_256", 64), Map.entry("sha3_224", 56),
      Map.entry("sha3_256", 64), Map.entry("sha3_384", 96), Map.entry("sha3_512", 128),
      Map.entry("shake128", 64), Map.entry("shake256", 128), Map.entry("blake2b", 128),
      Map.entry("blake2s", 64), Map.entry("ripemd160", 40), Map.entry("sm3", 64), Map.entry("gost", 64),
      Map.entry("sha1", 40), Map.entry("md5", 32));

  private DigestNames() {}

  private static boolean gitObject(String alg) {
    return alg.equals("gitCommit") || alg.equals("gitTree") || alg.equals("gitBlob") || alg.equals("gitTag");
  }

  /** Validates one entry; returns the value to keep (hex in lower case). {@code path} names the set. */
  public static String checkValue(String alg, String value, String path) {
    if (alg == null || alg.isEmpty() || alg.length() > MAX_OTHER) {
      throw new InvalidInputException(path + " has an empty or overlong algorithm name");
    }
    if (value == null) {
      throw new InvalidInputException(path + "." + alg + " is missing");
    }
    Integer len = HEX_LENGTHS.get(alg);
    boolean git = gitObject(alg);
    if (len == null && !git) {
      if (value.isEmpty() || value.length() > MAX_OTHER) {
        throw new InvalidInputException(path + "." + alg + " must be a non-empty value of at most " + MAX_OTHER
            + " characters");
      }
      return value;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    boolean hex = !lower.isEmpty() && lower.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    boolean lengthOk = git ? lower.length() == 40 || lower.length() == 64 : lower.length() == len;
    if (!hex || !lengthOk) {
      String expected = git ? "40 or 64" : String.valueOf(len);
      throw new InvalidInputException(path + "." + alg + " must be " + expected + " hex characters, got "
          + (hex ? value.length() + " characters" : "'" + abbreviate(value) + "'"));
    }
    return lower;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
