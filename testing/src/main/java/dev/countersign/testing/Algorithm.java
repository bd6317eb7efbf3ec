package dev.countersign.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the kind of a {@link TestKey} parameter that {@link CountersignExtension} injects (without it: the shared
 * ECDSA P-256 key). With {@code fresh = true} the test gets a key generated for it alone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Algorithm {
  /** The key kind. */
  KeyKind value() default KeyKind.ECDSA_P256;

  /** Whether to generate a new key for this parameter instead of using the per-JVM shared one. */
  boolean fresh() default false;
}
