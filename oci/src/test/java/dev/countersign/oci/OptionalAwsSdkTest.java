package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS SDK is an optional dependency of this module: only {@link EcrCredentials} and
 * {@code internal.ecr.EcrTokens} may refer to it, and everything else must work without it on the class path.
 */
class OptionalAwsSdkTest {
  private static final String SDK = "software/amazon/awssdk";

  private static Path mainClasses() throws Exception {
    return Path.of(EcrCredentials.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> classFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
  }

  private static String className(Path root, Path file) {
    String rel = root.relativize(file).toString().replace(File.separatorChar, '/');
    return rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
  }

  private static boolean mayUseSdk(String name) {
    return name.equals("dev.countersign.oci.EcrCredentials") || name.startsWith("dev.countersign.oci.EcrCredentials$")
        || name.equals("dev.countersign.oci.internal.ecr.EcrTokens");
  }

  @Test
  void onlyEcrCredentialsAndEcrTokensReferToTheSdk() throws Exception {
    Path root = mainClasses();
    Set<String> users = new TreeSet<>();
    for (Path f : classFiles(root)) {
      // constant-pool class and descriptor names are plain ASCII in the class file
      if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SDK)) {
        users.add(className(root, f));
      }
    }
    assertTrue(users.contains("dev.countersign.oci.internal.ecr.EcrTokens"), users.toString());
    assertTrue(users.contains("dev.countersign.oci.EcrCredentials$Builder"), users.toString());
    users.removeIf(OptionalAwsSdkTest::mayUseSdk);
    assertEquals(Set.of(), users, "classes referring to the optional AWS SDK");
  }

  @Test
  void everythingElseLoadsAndWorksWithoutTheSdk(@TempDir Path dir) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int dropped = 0;
    for (String entry : cp.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.replace(File.separatorChar, '/').contains("/" + SDK + "/")) {
        dropped++;
        continue;
      }
      urls.add(Path.of(entry).toUri().toURL());
    }
    assertTrue(dropped >= 2, "the ecr and url-connection-client jars are on the test class path: " + dropped);
    try (URLClassLoader noSdk = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName("software.amazon.awssdk.services.ecr.EcrClient", false, noSdk));
      Path root = mainClasses();
      int loaded = 0;
      for (Path f : classFiles(root)) {
        String name = className(root, f);
        if (!mayUseSdk(name)) {
          Class.forName(name, true, noSdk);
          loaded++;
        }
      }
      assertTrue(loaded > 50, "loaded and initialised " + loaded + " classes");
      Class<?> probe = Class.forName("dev.countersign.oci.testing.NoSdkProbe", true, noSdk);
      String out = (String) probe.getMethod("run", Path.class).invoke(null, dir.resolve("missing.json"));
      assertEquals(List.of("chain:Optional.empty", "registry:127.0.0.1:1/app", "isEcrRegistry:true",
          "fromEnvironment:BackendException:EcrCredentials needs the AWS SDK for ECR on the class path: add "
              + "software.amazon.awssdk:ecr (an optional dependency of countersign-oci) and an SDK HTTP client "
              + "such as software.amazon.awssdk:url-connection-client"), out.lines().toList());
    }
  }
}
