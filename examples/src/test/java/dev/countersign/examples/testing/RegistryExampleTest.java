package dev.countersign.examples.testing;

import static dev.countersign.testing.assertj.CountersignAssertions.assertThat;
import static dev.countersign.testing.assertj.CountersignAssertions.image;

import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.signature.ImageSigner;
import dev.countersign.testing.CountersignExtension;
import dev.countersign.testing.TestKey;
import dev.countersign.testing.servers.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// docs/testing.md, "A registry per test class"
class RegistryExampleTest {
  @RegisterExtension
  static final CountersignExtension KIT = CountersignExtension.builder()
      .registry(() -> TestRegistry.builder().bearerAuth().build())
      .build();

  @Test
  void signsAnImageInTheRegistry(TestRegistry registry, TestKey key) {
    try (Registry client = Registry.builder().insecureRegistries(List.of(registry.host())).build()) {
      RegistryRepository repo = client.repository(registry.host() + "/team/app");
      ImageBuilder.create().addContent("hi".getBytes(StandardCharsets.UTF_8), "hi.txt", 0644).build(repo, "v1");
      Descriptor image = repo.resolve("v1").orElseThrow();
      ImageSigner.builder(key.signer()).build().sign(repo, registry.host() + "/team/app", image);

      assertThat(image(repo, "v1")).hasSignatureFrom(key.publicKey());
    }
  }
}
