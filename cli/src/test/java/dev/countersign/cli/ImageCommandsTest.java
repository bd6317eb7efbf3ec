package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sign, verify, triangulate, tree and copy on OCI layouts (the embedded default that needs no server). */
class ImageCommandsTest {
  @TempDir
  Path dir;

  @Test
  void signVerifyTreeCopyOnALayout() throws Exception {
    Path layout = dir.resolve("layout");
    ImageBuilder.create().timestamp(Instant.EPOCH)
        .addContent("hello\n".getBytes(StandardCharsets.UTF_8), "/hello.txt", 0644)
        .entrypoint("/bin/cat", "/hello.txt").build(OciLayout.create(layout), "dev");
    String image = "oci:" + layout + ":dev";
    String prefix = dir.resolve("dev").toString();
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix).expect(0);
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", dir.resolve("other").toString()).expect(0);

    Cli.withPassword("pw", "sign", "--key", prefix + ".key", "-a", "stage=dev", image).expect(0);
    Cli.Result verified = Cli.run("verify", "--key", prefix + ".pub", image).expect(0);
    JsonNode payloads = new ObjectMapper().readTree(verified.out());
    assertTrue(payloads.isArray() && payloads.size() == 2, verified.out());
    assertTrue(verified.err().contains("Verification for " + image), verified.err());

    Cli.Result wrongKey = Cli.run("verify", "--key", dir.resolve("other.pub").toString(), image).expect(1);
    assertTrue(wrongKey.err().contains("no matching signatures"), wrongKey.err());
    Cli.run("verify", "--key", prefix + ".pub", "-a", "stage=prod", image).expect(1);
    JsonNode json = new ObjectMapper().readTree(
        Cli.run("verify", "--key", prefix + ".pub", "--output", "json", image).expect(0).out());
    assertTrue(json.get("verified").asBoolean() && json.get("signatures").size() == 2, json.toString());
    for (String format : new String[] {"legacy", "bundle"}) {
      JsonNode one = new ObjectMapper().readTree(Cli.run("verify", "--key", prefix + ".pub", "--signature-format",
          format, "--output", "json", image).expect(0).out());
      assertTrue(one.get("signatures").size() == 1
          && one.get("signatures").get(0).get("format").asText().equalsIgnoreCase(format), one.toString());
    }
    Cli.run("verify", "--key", prefix + ".pub", "--signature-format", "xml", image).expect(2);

    Cli.Result tri = Cli.run("triangulate", image).expect(0);
    assertTrue(tri.out().trim().matches("oci:.*:sha256-[0-9a-f]{64}\\.sig"), tri.out());
    Cli.Result tree = Cli.run("tree", image).expect(0);
    assertTrue(tree.out().contains("Signatures (sha256-") && tree.out().contains("Referrers: 1"), tree.out());

    String copy = "oci:" + dir.resolve("copy") + ":prod";
    Cli.run("copy", image, copy).expect(0);
    Cli.run("verify", "--key", prefix + ".pub", copy).expect(0);
    Cli.run("copy", "--no-signatures", image, "oci:" + dir.resolve("bare") + ":prod").expect(0);
    Cli.run("verify", "--key", prefix + ".pub", "oci:" + dir.resolve("bare") + ":prod").expect(1);
  }

  @Test
  void unsignedAndMissingImages() throws Exception {
    Path layout = dir.resolve("layout");
    ImageBuilder.create().timestamp(Instant.EPOCH).addContent(new byte[] {1}, "/x", 0644)
        .build(OciLayout.create(layout), "v1");
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("k").toString()).expect(0);
    Cli.Result none = Cli.run("verify", "--key", dir.resolve("k.pub").toString(), "oci:" + layout + ":v1").expect(1);
    assertTrue(none.err().contains("no matching signatures"), none.err());
    // A missing image is a failed verification (fail closed, exit 1) with the reason, as cosign reports it.
    Cli.Result missing = Cli.run("verify", "--key", dir.resolve("k.pub").toString(), "oci:" + layout + ":nope")
        .expect(1);
    assertTrue(missing.err().contains("nope"), missing.err());
    Cli.run("sign", "--key", dir.resolve("k.key").toString(), "--signature-format", "xml", "oci:" + layout + ":v1")
        .expect(2);
    Cli.run("verify", "--key", dir.resolve("k.pub").toString(), "Not/A/Valid:Ref!").expect(2);
  }
}
