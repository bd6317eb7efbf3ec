package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.testing.servers.TestKms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --key awskms://...} through every command, against the local KMS endpoint (the real AWS SDK and wire
 * protocol; no AWS account is reachable here). The provider is found by ServiceLoader and configured the way the
 * SDK reads its environment (here its system properties), so nothing in the CLI names AWS.
 */
class KmsCommandsTest {
  @RegisterExtension
  static final TestKms KMS = TestKms.start();

  @RegisterExtension
  static final SdkPointedAtTestKms SDK = SdkPointedAtTestKms.of(KMS);

  @TempDir
  Path dir;

  @Test
  void generateSignAndVerifyWithAKmsKey() throws Exception {
    String key = "awskms:///alias/cli-release";
    String prefix = dir.resolve("release").toString();
    Cli.Result created = Cli.run("generate-key-pair", "--kms", key, "--output-key-prefix", prefix).expect(0);
    assertTrue(created.err().contains("Created " + key), created.err());
    assertTrue(Files.notExists(Path.of(prefix + ".key")), "no private key file for a KMS key");
    assertEquals(Files.readString(Path.of(prefix + ".pub")), Cli.run("public-key", "--key", key).expect(0).out());

    Path blob = Files.writeString(dir.resolve("artifact.txt"), "shipped by KMS\n");
    Path bundle = dir.resolve("artifact.sigstore.json");
    int signsBefore = KMS.count("Sign");
    Cli.run("sign-blob", "--key", key, "--bundle", bundle.toString(), blob.toString()).expect(0);
    assertEquals(signsBefore + 1, KMS.count("Sign"), "exactly one KMS Sign per signature");
    Cli.run("verify-blob", "--key", prefix + ".pub", "--bundle", bundle.toString(), blob.toString()).expect(0);
    Cli.run("verify-blob", "--key", key, "--bundle", bundle.toString(), blob.toString()).expect(0);
    Files.writeString(blob, "tampered\n");
    Cli.run("verify-blob", "--key", prefix + ".pub", "--bundle", bundle.toString(), blob.toString()).expect(1);

    Path layout = dir.resolve("layout");
    ImageBuilder.create().timestamp(Instant.EPOCH).addContent("x".getBytes(StandardCharsets.UTF_8), "/x", 0644)
        .build(OciLayout.create(layout), "v1");
    Cli.run("sign", "--key", key, "oci:" + layout + ":v1").expect(0);
    Cli.run("verify", "--key", prefix + ".pub", "oci:" + layout + ":v1").expect(0);
  }

  @Test
  void clearErrorsForMissingAndUncreatableKeys() {
    Cli.Result missing = Cli.run("sign-blob", "--key", "awskms:///alias/does-not-exist", "--output-signature",
        dir.resolve("s").toString(), "pom.xml");
    assertTrue(missing.exit() == 2 && missing.err().contains("does-not-exist"), missing.err());
    Cli.Result ed = Cli.run("generate-key-pair", "--kms", "awskms:///alias/ed", "--algorithm", "ed25519",
        "--output-key-prefix", dir.resolve("ed").toString());
    assertTrue(ed.exit() == 2 && ed.err().contains("cannot be held in AWS KMS"), ed.err());
    Cli.Result file = Cli.run("generate-key-pair", "--kms", dir.resolve("x.key").toString(),
        "--output-key-prefix", dir.resolve("f").toString());
    assertTrue(file.exit() == 2 && file.err().contains("cannot create keys"), file.err());
  }

}
