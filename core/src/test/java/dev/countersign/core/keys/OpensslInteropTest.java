package dev.countersign.core.keys;

import static dev.countersign.core.keys.KeyFixtures.assertSamePublicKey;
import static dev.countersign.core.keys.KeyFixtures.assertSignsAndVerifies;
import static dev.countersign.core.keys.KeyFixtures.bytes;
import static dev.countersign.core.keys.KeyFixtures.openssl;
import static dev.countersign.core.keys.KeyFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyType;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifiers;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.KeyInspection;
import dev.countersign.core.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM keys made by openssl load here with the right public key; PEM keys written here load in openssl. */
class OpensslInteropTest {
  /** The key types exchanged with openssl, with the genpkey options and the digest cosign signs with. */
  enum Kind {
    P256(SignatureAlgorithm.ECDSA_P256_SHA256, "sha256", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"),
    P384(SignatureAlgorithm.ECDSA_P384_SHA384, "sha384", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"),
    P521(SignatureAlgorithm.ECDSA_P521_SHA512, "sha512", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"),
    ED25519(SignatureAlgorithm.ED25519, null, "-algorithm", "ed25519"),
    RSA2048(SignatureAlgorithm.RSA_PKCS1V15_SHA256, "sha256", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"),
    RSA3072(SignatureAlgorithm.RSA_PKCS1V15_SHA256, "sha256", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072");

    final SignatureAlgorithm algorithm;
    final String digest;
    final List<String> genpkey;

    Kind(SignatureAlgorithm algorithm, String digest, String... genpkey) {
      this.algorithm = algorithm;
      this.digest = digest;
      this.genpkey = List.of(genpkey);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void opensslKeysLoadInEveryFormat(Kind kind, @TempDir Path dir) {
    String key = dir.resolve("key.pem").toString();
    List<String> gen = new ArrayList<>(List.of("genpkey"));
    gen.addAll(kind.genpkey);
    gen.addAll(List.of("-out", key));
    openssl(gen.toArray(String[]::new));
    openssl("pkey", "-in", key, "-pubout", "-out", dir.resolve("pub.pem").toString());
    String spki = read(dir.resolve("pub.pem"));

    KeyPair pkcs8 = PemKeys.readPrivateKey(bytes(Path.of(key)), "key.pem");
    assertSamePublicKey(spki, pkcs8.getPublic());
    assertEquals(kind.algorithm, SignatureAlgorithm.defaultFor(pkcs8.getPublic()));
    assertTrue(pkcs8.getPrivate().getClass().getName().startsWith("sun.security."), pkcs8.getPrivate().getClass()
        .getName());
    assertSignsAndVerifies(pkcs8);
    assertSamePublicKey(spki, PemKeys.readPublicKey(bytes(dir.resolve("pub.pem")), "pub.pem"));

    openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:s3cr\u00e9t", "-in", key, "-out",
        dir.resolve("enc.pem").toString());
    byte[] enc = bytes(dir.resolve("enc.pem"));
    assertSamePublicKey(spki, PemKeys.readPrivateKey(enc, PasswordSource.of("s3cr\u00e9t".toCharArray()), "enc.pem")
        .getPublic());
    assertThrows(WrongPasswordException.class,
        () -> PemKeys.readPrivateKey(enc, PasswordSource.of("s3cret".toCharArray()), "enc.pem"));

    KeyType type = KeyInspection.describe(pkcs8.getPublic()).type();
    if (type == KeyType.EC) {
      openssl("ec", "-in", key, "-out", dir.resolve("sec1.pem").toString());
      assertTrue(read(dir.resolve("sec1.pem")).startsWith("-----BEGIN EC PRIVATE KEY-----"));
      assertSamePublicKey(spki, PemKeys.readPrivateKey(bytes(dir.resolve("sec1.pem")), "sec1.pem").getPublic());
    }
    if (type == KeyType.RSA) {
      openssl("rsa", "-in", key, "-traditional", "-out", dir.resolve("pkcs1.pem").toString());
      assertTrue(read(dir.resolve("pkcs1.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
      assertSamePublicKey(spki, PemKeys.readPrivateKey(bytes(dir.resolve("pkcs1.pem")), "pkcs1.pem").getPublic());
      openssl("rsa", "-in", key, "-RSAPublicKey_out", "-out", dir.resolve("rsapub.pem").toString());
      assertTrue(read(dir.resolve("rsapub.pem")).startsWith("-----BEGIN RSA PUBLIC KEY-----"));
      assertSamePublicKey(spki, PemKeys.readPublicKey(bytes(dir.resolve("rsapub.pem")), "rsapub.pem"));
    }

    // A signature openssl makes with its key verifies here.
    Path data = dir.resolve("data");
    KeyFixtures.write(data, "signed by openssl");
    Path sig = dir.resolve("sig");
    if (kind.digest == null) {
      openssl("pkeyutl", "-sign", "-rawin", "-inkey", key, "-in", data.toString(), "-out", sig.toString());
    } else {
      openssl("dgst", "-" + kind.digest, "-sign", key, "-out", sig.toString(), data.toString());
    }
    Verifiers.of(pkcs8.getPublic()).verify(bytes(data), bytes(sig));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keysWeWriteLoadInOpenssl(Kind kind, @TempDir Path dir) throws Exception {
    KeyPair keys = KeyGeneration.generate(kind.algorithm, kind == Kind.RSA3072 ? 3072 : 2048);
    Path priv = dir.resolve("priv.pem");
    Path pub = dir.resolve("pub.pem");
    KeyFixtures.write(priv, PemKeys.writePrivateKey(keys.getPrivate()));
    String ourSpki = PemKeys.writePublicKey(keys.getPublic());
    KeyFixtures.write(pub, ourSpki);

    assertEquals(ourSpki, openssl("pkey", "-in", priv.toString(), "-pubout").stdout());
    assertEquals(ourSpki, openssl("pkey", "-pubin", "-in", pub.toString(), "-pubout").stdout());
    assertTrue(openssl("pkey", "-in", priv.toString(), "-check", "-noout").output().contains("valid"));

    // openssl verifies a signature we make.
    Path data = dir.resolve("data");
    KeyFixtures.write(data, "signed by countersign");
    Path sig = dir.resolve("sig");
    Files.write(sig, Signers.of(keys).sign(bytes(data)));
    Peers.Result r = kind.digest == null
        ? Peers.openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", data.toString(),
            "-sigfile", sig.toString())
        : Peers.openssl("dgst", "-" + kind.digest, "-verify", pub.toString(), "-signature", sig.toString(),
            data.toString());
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("Verified OK") || r.output().contains("Signature Verified Successfully"),
        r.output());
  }
}
