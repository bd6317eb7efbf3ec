package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.TinkKeyset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line against openssl (both directions) and with Tink keyset files as keys. */
class InteropTest {
  @TempDir
  Path dir;

  private Path artifact() throws Exception {
    return Files.writeString(dir.resolve("artifact.txt"), "interop artifact\n");
  }

  /** openssl's verification of a DER/raw signature file; "none" for pure Ed25519. */
  private Tools.Result opensslVerify(String digest, Path pub, Path sigFile, Path file) {
    if (digest.equals("none")) {
      return Tools.exec("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in",
          file.toString(), "-sigfile", sigFile.toString());
    }
    return Tools.exec("openssl", "dgst", "-" + digest, "-verify", pub.toString(), "-signature", sigFile.toString(),
        file.toString());
  }

  @ParameterizedTest
  @CsvSource({
      "ecdsa-p256-sha256, sha256", "ecdsa-p384-sha384, sha384", "ecdsa-p521-sha512, sha512",
      "rsa-pkcs1v15-sha256, sha256", "ed25519, none"})
  void signBlobSignaturesVerifyWithOpenssl(String algorithm, String digest) throws Exception {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", dir.resolve("k").toString(), "--algorithm",
        algorithm, "--rsa-bits", "2048").expect(0);
    Path file = artifact();
    String sig = Cli.withPassword("pw", "sign-blob", "--key", dir.resolve("k.key").toString(), file.toString())
        .expect(0).out();
    Path sigFile = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sig));

    Tools.Result ok = opensslVerify(digest, dir.resolve("k.pub"), sigFile, file);
    assertEquals(0, ok.exit(), ok.stderr());
    assertTrue(ok.out().contains("Verified"), ok.out()); // "Verified OK" / "Signature Verified Successfully"
    Files.writeString(file, "tampered");
    assertEquals(1, opensslVerify(digest, dir.resolve("k.pub"), sigFile, file).exit(),
        "openssl must reject the signature over other content");
  }

  @ParameterizedTest
  @CsvSource({"P-256, sha256", "P-384, sha384", "P-521, sha512", "RSA, sha256", "ED25519, none"})
  void opensslSignaturesVerifyWithVerifyBlob(String kind, String digest) throws Exception {
    Path key = Tools.genpkey(dir, kind, "key.pem");
    Path pub = Files.writeString(dir.resolve("key.pub"), Tools.publicPem(key));
    Path file = artifact();
    Path sigFile = dir.resolve("sig.bin");
    if (digest.equals("none")) {
      Tools.openssl("pkeyutl", "-sign", "-inkey", key.toString(), "-rawin", "-in", file.toString(), "-out",
          sigFile.toString());
    } else {
      Tools.openssl("dgst", "-" + digest, "-sign", key.toString(), "-out", sigFile.toString(), file.toString());
    }
    String sig = Base64.getEncoder().encodeToString(Files.readAllBytes(sigFile));
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", sig, file.toString()).expect(0);
    Files.writeString(file, "tampered");
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", sig, file.toString())
        .expect(Main.VERIFICATION_FAILED);
  }

  @Test
  void signatureDigestAlgorithmLetsAP384KeyVerifyASha256Signature() throws Exception {
    Path key = Tools.genpkey(dir, "P-384", "p384.pem");
    Path pub = Files.writeString(dir.resolve("p384.pub"), Tools.publicPem(key));
    Path file = artifact();
    Path sigFile = dir.resolve("sig.der");
    Tools.openssl("dgst", "-sha256", "-sign", key.toString(), "-out", sigFile.toString(), file.toString());
    String sig = Base64.getEncoder().encodeToString(Files.readAllBytes(sigFile));

    Cli.Result without = Cli.run("verify-blob", "--key", pub.toString(), "--signature", sig, file.toString())
        .expect(Main.VERIFICATION_FAILED);
    assertTrue(without.err().contains("signature: FAILED"), without.err());
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", sig, "--signature-digest-algorithm", "sha256",
        file.toString()).expect(0);
    // The pinned hash is the only one tried: a SHA-384 signature by the same key now fails.
    Tools.openssl("dgst", "-sha384", "-sign", key.toString(), "-out", sigFile.toString(), file.toString());
    String sig384 = Base64.getEncoder().encodeToString(Files.readAllBytes(sigFile));
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", sig384, "--signature-digest-algorithm",
        "sha256", file.toString()).expect(Main.VERIFICATION_FAILED);
  }

  @Test
  void signatureDigestAlgorithmThatCannotApplyIsAUsageError() throws Exception {
    Path key = Tools.genpkey(dir, "ED25519", "ed.pem");
    Path pub = Files.writeString(dir.resolve("ed.pub"), Tools.publicPem(key));
    Path file = artifact();
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", "AAAA", "--signature-digest-algorithm",
        "sha256", file.toString()).expect(Main.USAGE);
    Cli.run("verify-blob", "--key", pub.toString(), "--signature", "AAAA", "--signature-digest-algorithm",
        "md5", file.toString()).expect(Main.USAGE);
  }

  @Test
  void tinkKeysetSignsAndItsPublicKeysetVerifies() throws Exception {
    TinkKeyset keyset = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Path priv = Files.writeString(dir.resolve("keyset.json"), keyset.toCleartextJson());
    Path pubset = Files.writeString(dir.resolve("keyset.pub.json"), keyset.toPublicJson());
    Path file = artifact();
    Path bundle = dir.resolve("a.sigstore.json");

    String sig = Cli.run("sign-blob", "--key", priv.toString(), "--bundle", bundle.toString(), file.toString())
        .expect(0).err();
    assertTrue(sig.contains("Wrote bundle"), sig);
    String raw = Cli.run("sign-blob", "--key", priv.toString(), file.toString()).expect(0).out();
    Cli.run("verify-blob", "--key", pubset.toString(), "--signature", raw, file.toString()).expect(0);
    Cli.run("verify-blob", "--key", pubset.toString(), "--bundle", bundle.toString(), file.toString()).expect(0);

    // After a rotation the public keyset still holds the old key, so old signatures verify.
    TinkKeyset rotated = keyset.rotate(SignatureAlgorithm.ED25519);
    Path rotatedPub = Files.writeString(dir.resolve("rotated.pub.json"), rotated.toPublicJson());
    Cli.run("verify-blob", "--key", rotatedPub.toString(), "--signature", raw, file.toString()).expect(0);

    // Another keyset does not verify it.
    Path strangers = Files.writeString(dir.resolve("other.pub.json"),
        TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256).toPublicJson());
    Cli.run("verify-blob", "--key", strangers.toString(), "--signature", raw, file.toString())
        .expect(Main.VERIFICATION_FAILED);
  }

  @Test
  void publicTinkKeysetCannotSign() throws Exception {
    Path pubset = Files.writeString(dir.resolve("keyset.pub.json"),
        TinkKeyset.generate(SignatureAlgorithm.ED25519).toPublicJson());
    Cli.Result r = Cli.run("sign-blob", "--key", pubset.toString(), artifact().toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("public keys only"), r.err());
  }
}
