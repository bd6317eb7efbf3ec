package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit outside dev.countersign.testing.assertj works with AssertJ absent from the class path. */
class WithoutAssertjTest {
  @Test
  void keysExtensionAndFixturesRunWithoutAssertj(@TempDir Path dir) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int dropped = 0;
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.contains("assertj")) {
        dropped++;
      } else if (!entry.isEmpty()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertTrue(dropped > 0, "AssertJ was not on the test class path: " + cp);
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.assertj.core.api.AbstractAssert"));
      Class<?> keys = loader.loadClass(TestKeys.class.getName());
      Object key = keys.getMethod("ecdsaP256").invoke(null);
      Object signer = key.getClass().getMethod("signer").invoke(key);
      Object verifier = key.getClass().getMethod("verifier").invoke(key);
      Files.writeString(dir.resolve("f.txt"), "x");
      Class<?> fixtures = loader.loadClass(SignedFixtures.class.getName());
      fixtures.getMethod("sign", Path.class, loader.loadClass("dev.countersign.core.Signer")).invoke(null, dir,
          signer);
      Object report = fixtures.getMethod("verify", Path.class, loader.loadClass("dev.countersign.core.Verifier"))
          .invoke(null, dir, verifier);
      assertEquals(Boolean.TRUE, report.getClass().getMethod("passed").invoke(report));
      Object ext = loader.loadClass(CountersignExtension.class.getName()).getConstructor().newInstance();
      assertFalse(ext.getClass().getClassLoader() == CountersignExtension.class.getClassLoader());
    }
  }
}
