package dev.countersign.benchmarks.testing;

import dev.countersign.testing.Algorithm;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.KeyKind;
import dev.countersign.testing.TestKey;
import dev.countersign.testing.servers.TestRegistry;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The test classes {@link KitStartup} runs: each takes a registry (started for the class by {@code @Countersign}),
 * the shared P-256 and RSA-3072 keys, and asks the registry's {@code /v2/} once. Twenty identical classes, so that
 * the first (JUnit, the kit's classes and RSA generation) and the later ones can be told apart.
 */
public final class KitClasses {
  private KitClasses() {}

  /** The test every class inherits. */
  @Countersign
  public abstract static class Base {
    @Test
    void usesARegistryAndKeys(TestRegistry registry, TestKey p256, @Algorithm(KeyKind.RSA_3072) TestKey rsa)
        throws IOException {
      HttpURLConnection c = (HttpURLConnection) URI.create(registry.url() + "/v2/").toURL().openConnection();
      try {
        if (c.getResponseCode() != 200 || p256.kind() != KeyKind.ECDSA_P256 || rsa.kind() != KeyKind.RSA_3072) {
          throw new AssertionError("unexpected: HTTP " + c.getResponseCode() + ", " + p256 + ", " + rsa);
        }
      } finally {
        c.disconnect();
      }
    }
  }

  // twenty test classes with the same test, one line each
  /** Class 1. */ public static final class C01 extends Base {}
  /** Class 2. */ public static final class C02 extends Base {}
  /** Class 3. */ public static final class C03 extends Base {}
  /** Class 4. */ public static final class C04 extends Base {}
  /** Class 5. */ public static final class C05 extends Base {}
  /** Class 6. */ public static final class C06 extends Base {}
  /** Class 7. */ public static final class C07 extends Base {}
  /** Class 8. */ public static final class C08 extends Base {}
  /** Class 9. */ public static final class C09 extends Base {}
  /** Class 10. */ public static final class C10 extends Base {}
  /** Class 11. */ public static final class C11 extends Base {}
  /** Class 12. */ public static final class C12 extends Base {}
  /** Class 13. */ public static final class C13 extends Base {}
  /** Class 14. */ public static final class C14 extends Base {}
  /** Class 15. */ public static final class C15 extends Base {}
  /** Class 16. */ public static final class C16 extends Base {}
  /** Class 17. */ public static final class C17 extends Base {}
  /** Class 18. */ public static final class C18 extends Base {}
  /** Class 19. */ public static final class C19 extends Base {}
  /** Class 20. */ public static final class C20 extends Base {}

  /** The classes in order. */
  static final Class<?>[] ALL = {C01.class, C02.class, C03.class, C04.class, C05.class, C06.class, C07.class,
      C08.class, C09.class, C10.class, C11.class, C12.class, C13.class, C14.class, C15.class, C16.class, C17.class,
      C18.class, C19.class, C20.class};
}
