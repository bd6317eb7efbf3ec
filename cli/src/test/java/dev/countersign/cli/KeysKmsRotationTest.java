package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.testing.servers.TestKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * {@code keys rotate --kms}: the new KMS key exists (disabled, without the alias) while members sign, and the alias
 * moves only when {@code keys publish} finds the threshold met. Against the local KMS endpoint through the real SDK.
 */
class KeysKmsRotationTest {
  private static final String PW = "kms-ceremony";

  @RegisterExtension
  static final TestKms KMS = TestKms.start();

  @RegisterExtension
  static final SdkPointedAtTestKms SDK = SdkPointedAtTestKms.of(KMS);

  @TempDir
  Path tmp;

  private String f(String name) {
    return tmp.resolve(name).toString();
  }

  private KeyState state(String arn) {
    try (var client = SdkPointedAtTestKms.client(KMS)) {
      return client.describeKey(b -> b.keyId(arn)).keyMetadata().keyState();
    }
  }

  @Test
  void aliasMovesToTheNewKeyOnlyAfterQuorum() throws Exception {
    String alias = "awskms:///alias/ceremony-release";
    Path pub = tmp.resolve("cdn");
    // member 1 holds a file key, member 2 a KMS key
    Cli.withPassword(PW, "generate-key-pair", "--output-key-prefix", f("m1")).expect(0);
    String member2 = "awskms:///alias/ceremony-member-2";
    Cli.run("generate-key-pair", "--kms", member2, "--output-key-prefix", f("m2")).expect(0);
    Cli.run("generate-key-pair", "--kms", alias, "--output-key-prefix", f("release")).expect(0);
    String oldArn = KMS.keyArn("alias/ceremony-release");

    Cli.run("keys", "propose", "--dir", pub.toString(), "--member", f("m1.pub"), "--member", f("m2.pub"),
        "--threshold", "2", "--add-key", "awskms:///" + oldArn, "--output-file", f("v1.json")).expect(0);
    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("v1.json")).expect(0);
    Cli.run("keys", "sign", "--key", member2, f("v1.json")).expect(0);
    Cli.run("keys", "publish", "--dir", pub.toString(), f("v1.json")).expect(0);
    KeyManifest v1 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    assertEquals(oldArn, v1.keys().get(0).backend().orElseThrow());

    Cli.Result rotated = Cli.run("keys", "rotate", "--dir", pub.toString(), "--kms", alias, "--output-file",
        f("v2.json")).expect(0);
    assertTrue(rotated.err().contains("DISABLED"), rotated.err());
    ManifestKey proposed = Draft.read(tmp.resolve("v2.json")).manifest().keys().get(1);
    String newArn = proposed.backend().orElseThrow();
    assertFalse(newArn.equals(oldArn));
    assertEquals(KeyState.DISABLED, state(newArn), "a staged key cannot sign");
    assertEquals(oldArn, KMS.keyArn("alias/ceremony-release"), "the alias stays before quorum");
    Cli.run("sign-blob", "--key", "awskms:///" + newArn, "--output-signature", f("x.sig"), f("m1.pub")).expect(2);

    Cli.withPassword(PW, "keys", "sign", "--key", f("m1.key"), f("v2.json")).expect(0);
    Cli.Result refused = Cli.run("keys", "publish", "--dir", pub.toString(), f("v2.json")).expect(1);
    assertTrue(refused.err().contains("threshold-previous"), refused.err());
    assertEquals(oldArn, KMS.keyArn("alias/ceremony-release"), "refused: the alias did not move");
    assertEquals(KeyState.DISABLED, state(newArn));
    assertEquals(1, KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json"))).version());
    assertFalse(Files.exists(pub.resolve("2.keys.json")));

    Cli.run("keys", "sign", "--key", member2, f("v2.json")).expect(0);

    // a failure while activating the key leaves keys.json untouched; publishing again completes it
    KMS.failNext("UpdateAlias", "KMSInvalidStateException", 400);
    Cli.Result failed = Cli.run("keys", "publish", "--dir", pub.toString(), f("v2.json")).expect(2);
    assertTrue(failed.err().contains("UpdateAlias"), failed.err());
    assertEquals(1, KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json"))).version());
    assertFalse(Files.exists(pub.resolve("2.keys.json")));
    assertEquals(oldArn, KMS.keyArn("alias/ceremony-release"));
    Cli.run("keys", "publish", "--dir", pub.toString(), f("v2.json")).expect(0);
    assertEquals(newArn, KMS.keyArn("alias/ceremony-release"), "published: the alias names the new key");
    assertEquals(KeyState.ENABLED, state(newArn));
    KeyManifest v2 = KeyManifest.parse(Files.readAllBytes(pub.resolve("keys.json")));
    assertEquals(newArn, v2.keys().get(1).backend().orElseThrow());

    // the alias now signs with the new key, and its published pubkey file verifies the signature
    Path blob = Files.writeString(tmp.resolve("artifact.txt"), "after rotation\n");
    Cli.run("sign-blob", "--key", alias, "--output-signature", f("a.sig"), blob.toString()).expect(0);
    String pem = v2.keys().get(1).files().get(0);
    Cli.run("verify-blob", "--key", pub.resolve(pem).toString(), "--signature", f("a.sig"), blob.toString())
        .expect(0);
    Cli.run("verify-blob", "--key", f("release.pub"), "--signature", f("a.sig"), blob.toString()).expect(1);
  }
}
