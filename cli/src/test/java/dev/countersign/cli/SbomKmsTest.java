package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.Registry;
import dev.countersign.oci.testing.RegistryServer;
import dev.countersign.testing.servers.TestKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sbom attest --key awskms://...} then {@code sbom verify} with the exported public key and with the KMS key
 * itself, against the local KMS endpoint (real AWS SDK and wire protocol), on an OCI layout and the real registry.
 */
class SbomKmsTest {
  @RegisterExtension
  static final TestKms KMS = TestKms.start();

  @RegisterExtension
  static final SdkPointedAtTestKms SDK = SdkPointedAtTestKms.of(KMS);
  @RegisterExtension
  static final RegistryServer SERVER = RegistryServer.anonymous();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void attestWithAKmsKeyAndVerifyOnALayoutAndTheRegistry() throws Exception {
    String key = "awskms:///alias/sbom-release";
    String prefix = dir.resolve("release").toString();
    Cli.run("generate-key-pair", "--kms", key, "--output-key-prefix", prefix).expect(0);

    Path layout = dir.resolve("layout");
    SbomCommandsTest.alpine(OciLayout.create(layout), "v1", "kms image");
    try (Registry registry = Registry.create()) {
      SbomCommandsTest.alpine(registry.repository(SERVER.reference("kms/app")), "v1", "kms registry image");
    }
    for (String image : new String[] {"oci:" + layout + ":v1", SERVER.reference("kms/app:v1")}) {
      int signs = KMS.count("Sign");
      Cli.run("sbom", "attest", "--key", key, image).expect(0);
      assertEquals(signs + 1, KMS.count("Sign"), "one KMS Sign for one attestation stored in two schemes");
      Path out = dir.resolve("sbom-" + Math.abs(image.hashCode()) + ".json");
      Cli.run("sbom", "verify", "--key", prefix + ".pub", "--output-file", out.toString(), image).expect(0);
      assertTrue(SbomCommandsTest.purls(JSON.readTree(Files.readAllBytes(out)))
          .containsAll(SbomCommandsTest.APK_PURLS));
      Cli.run("sbom", "verify", "--key", key, image).expect(0);
      Cli.run("verify-attestation", "--key", prefix + ".pub", "--type", "cyclonedx", image).expect(0);
    }
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("file").toString()).expect(0);
    Path none = dir.resolve("none.json");
    Cli.run("sbom", "verify", "--key", dir.resolve("file.pub").toString(), "--output-file", none.toString(),
        "oci:" + layout + ":v1").expect(1);
    assertFalse(Files.exists(none));
  }

}
