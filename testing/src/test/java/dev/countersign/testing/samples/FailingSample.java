package dev.countersign.testing.samples;

import static org.junit.jupiter.api.Assertions.fail;

import dev.countersign.oci.OciLayout;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.servers.TestKeyServer;
import dev.countersign.testing.servers.TestKms;
import dev.countersign.testing.servers.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.Test;

/** Run by CleanupTest through EngineTestKit only: tests that fail or throw after the kit handed them resources. */
@Countersign
@EnabledIf("dev.countersign.testing.samples.Samples#runByEngineTestKit")
public class FailingSample {
  public static final List<Path> LAYOUTS = new CopyOnWriteArrayList<>();
  public static final List<String> REGISTRIES = new CopyOnWriteArrayList<>();
  public static final List<String> KMS = new CopyOnWriteArrayList<>();
  public static final List<String> KEY_SERVERS = new CopyOnWriteArrayList<>();

  @Test
  void failsAnAssertion(OciLayout layout, TestRegistry registry) {
    LAYOUTS.add(layout.path());
    REGISTRIES.add(registry.url());
    fail("failing on purpose");
  }

  @Test
  void throwsAnException(OciLayout layout, TestRegistry registry, TestKms kms, TestKeyServer keyServer) {
    LAYOUTS.add(layout.path());
    REGISTRIES.add(registry.url());
    KMS.add(kms.endpoint());
    KEY_SERVERS.add(keyServer.url());
    throw new IllegalStateException("throwing on purpose");
  }
}
