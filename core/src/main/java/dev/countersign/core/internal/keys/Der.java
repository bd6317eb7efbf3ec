package dev.countersign.core.internal.keys;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * Strict DER parsing with Bouncy Castle's ASN.1 classes, whose accessors are lazy and may throw any runtime
 * exception (a cast, an index) on hostile input: every such failure becomes an {@link InvalidInputException}.
 */
final class Der {
  private Der() {}

  /** Parses {@code der} as one ASN.1 value (no trailing bytes) and converts it; any failure is bad input. */
  static <T> T parse(byte[] der, String source, String what, Function<Object, T> convert) {
    return guarded(source, what, () -> {
      try {
        T value = convert.apply(ASN1Primitive.fromByteArray(der));
        if (value == null) {
          throw new IllegalArgumentException("empty");
        }
        return value;
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    });
  }

  /**
   * Runs {@code body}, which reads ASN.1 structures; Countersign exceptions pass through, any other runtime
   * exception means malformed input and becomes {@code "<source>: malformed <what>"}.
   */
  static <T> T guarded(String source, String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (CountersignException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": malformed " + what + " (not valid DER)");
    }
  }
}
