package dev.countersign.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link CountersignExtension} with its defaults on a test class: test methods, constructors and
 * lifecycle methods may then take {@link TestKey}, {@link TestPgpKey}, {@link dev.countersign.oci.OciLayout},
 * {@link dev.countersign.testing.servers.TestRegistry}, {@link dev.countersign.testing.servers.TestKms} and
 * {@link dev.countersign.testing.servers.TestKeyServer} parameters.
 *
 * <pre>{@code
 * @Countersign
 * class SigningTest {
 *   @Test void signs(@Algorithm(KeyKind.ED25519) TestKey key, OciLayout layout) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(CountersignExtension.class)
public @interface Countersign {}
