package dev.countersign.testing.servers.kms;

import dev.countersign.testing.servers.KmsRequest;
import dev.countersign.testing.servers.TestKms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/** Sign and Verify: every key spec and algorithm, checked by openssl, and the errors KMS gives. */
class TestKmsSigningTest {
  @RegisterExtension
  static TestKms kms = TestKms.start();

  static KmsClient client;

  @TempDir
  Path dir;

  @BeforeAll
  static void client() {
    client = Sdk.client(kms);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "ECC_NIST_P256, ECDSA_SHA_256, DIGEST",
    "ECC_NIST_P256, ECDSA_SHA_256, RAW",
    "ECC_NIST_P384, ECDSA_SHA_384, DIGEST",
    "ECC_NIST_P521, ECDSA_SHA_512, RAW",
    "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256, DIGEST",
    "RSA_2048, RSASSA_PKCS1_V1_5_SHA_256, RAW",
    "RSA_3072, RSASSA_PKCS1_V1_5_SHA_384, DIGEST",
    "RSA_2048, RSASSA_PKCS1_V1_5_SHA_512, RAW",
    "RSA_2048, RSASSA_PSS_SHA_256, DIGEST",
    "RSA_2048, RSASSA_PSS_SHA_256, RAW",
    "RSA_4096, RSASSA_PSS_SHA_384, DIGEST",
    "RSA_3072, RSASSA_PSS_SHA_512, RAW",
  })
  void opensslVerifiesTheSignature(String spec, String algorithm, String messageType) throws Exception {
    String id = kms.createKey(spec);
    String hash = "sha" + algorithm.substring(algorithm.length() - 3);
    byte[] data = ("artifact signed by " + spec + " with " + algorithm).getBytes(StandardCharsets.UTF_8);
    byte[] message = messageType.equals("RAW") ? data
        : MessageDigest.getInstance("SHA-" + hash.substring(3)).digest(data);
    byte[] signature = client.sign(b -> b.keyId(id).message(SdkBytes.fromByteArray(message))
        .messageType(messageType).signingAlgorithm(algorithm)).signature().asByteArray();
    if (spec.startsWith("ECC")) {
      assertEquals(0x30, signature[0] & 0xff, "ECDSA signatures are DER SEQUENCEs");
    }
    String[] options = algorithm.contains("PSS")
        ? new String[] {"rsa_padding_mode:pss", "rsa_pss_saltlen:digest"} : new String[0];
    String pem = kms.publicKeyPem(id);

    OpenSsl.Result good = OpenSsl.verify(dir, pem, hash, signature, data, options);
    assertTrue(good.verifiedOk(), good.output());
    byte[] tampered = data.clone();
    tampered[0] ^= 1;
    OpenSsl.Result bad = OpenSsl.verify(dir, pem, hash, signature, tampered, options);
    assertFalse(bad.verifiedOk(), bad.output());

    VerifyResponse verified = client.verify(b -> b.keyId(id).message(SdkBytes.fromByteArray(message))
        .messageType(messageType).signingAlgorithm(algorithm).signature(SdkBytes.fromByteArray(signature)));
    assertTrue(verified.signatureValid());
    assertEquals(algorithm, verified.signingAlgorithmAsString());
  }

  @Test
  void pssSaltIsTheHashLength() throws Exception {
    String id = kms.createKey("RSA_2048");
    byte[] data = "salt".getBytes(StandardCharsets.UTF_8);
    byte[] signature = client.sign(b -> b.keyId(id).message(SdkBytes.fromByteArray(data))
        .signingAlgorithm("RSASSA_PSS_SHA_256")).signature().asByteArray();
    String pem = kms.publicKeyPem(id);
    assertTrue(OpenSsl.verify(dir, pem, "sha256", signature, data,
        "rsa_padding_mode:pss", "rsa_pss_saltlen:32").verifiedOk());
    assertFalse(OpenSsl.verify(dir, pem, "sha256", signature, data,
        "rsa_padding_mode:pss", "rsa_pss_saltlen:20").verifiedOk());
  }

  @Test
  void verifyRejectsAWrongSignature() {
    String id = kms.createKey("ECC_NIST_P256");
    byte[] digest = new byte[32];
    byte[] signature = client.sign(b -> b.keyId(id).message(SdkBytes.fromByteArray(digest))
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_256")).signature().asByteArray();
    byte[] otherDigest = Arrays.copyOf(digest, 32);
    otherDigest[31] = 1;
    assertThrows(KmsInvalidSignatureException.class, () -> client.verify(b -> b.keyId(id)
        .message(SdkBytes.fromByteArray(otherDigest)).messageType(MessageType.DIGEST)
        .signingAlgorithm("ECDSA_SHA_256").signature(SdkBytes.fromByteArray(signature))));
    assertThrows(KmsInvalidSignatureException.class, () -> client.verify(b -> b.keyId(id)
        .message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
        .signingAlgorithm("ECDSA_SHA_256").signature(SdkBytes.fromUtf8String("not DER"))));
  }

  @Test
  void signRefusesWhatKmsRefuses() {
    String ec = kms.createKey("ECC_NIST_P256");
    String symmetric = kms.createKey("SYMMETRIC_DEFAULT");
    SdkBytes digest = SdkBytes.fromByteArray(new byte[32]);
    KmsException shortDigest = assertThrows(KmsException.class, () -> client.sign(b -> b.keyId(ec)
        .message(SdkBytes.fromByteArray(new byte[31])).messageType(MessageType.DIGEST)
        .signingAlgorithm("ECDSA_SHA_256")));
    assertEquals("ValidationException", shortDigest.awsErrorDetails().errorCode());
    assertEquals(400, shortDigest.statusCode());
    assertThrows(InvalidKeyUsageException.class, () -> client.sign(b -> b.keyId(ec).message(digest)
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_384")));
    assertThrows(InvalidKeyUsageException.class, () -> client.sign(b -> b.keyId(ec).message(digest)
        .messageType(MessageType.DIGEST).signingAlgorithm("RSASSA_PSS_SHA_256")));
    assertThrows(InvalidKeyUsageException.class, () -> client.sign(b -> b.keyId(symmetric).message(digest)
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_256")));
    KmsException tooLong = assertThrows(KmsException.class, () -> client.sign(b -> b.keyId(ec)
        .message(SdkBytes.fromByteArray(new byte[4097])).signingAlgorithm("ECDSA_SHA_256")));
    assertEquals("ValidationException", tooLong.awsErrorDetails().errorCode());
    KmsException badAlgorithm = assertThrows(KmsException.class, () -> client.sign(b -> b.keyId(ec)
        .message(digest).messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_1")));
    assertEquals("ValidationException", badAlgorithm.awsErrorDetails().errorCode());
  }

  @Test
  void concurrentSignaturesAreAllValid() throws Exception {
    String id = kms.createKey("ECC_NIST_P256");
    PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(
        new X509EncodedKeySpec(client.getPublicKey(b -> b.keyId(id)).publicKey()
            .asByteArray()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
        results.add(pool.submit(() -> {
          byte[] signature = client.sign(b -> b.keyId(id).message(SdkBytes.fromByteArray(data))
              .signingAlgorithm("ECDSA_SHA_256")).signature().asByteArray();
          Signature verifier = Signature.getInstance("SHA256withECDSA");
          verifier.initVerify(publicKey);
          verifier.update(data);
          return verifier.verify(signature);
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(64, kms.count("Sign"));
  }

  @Test
  void signatureRequestIsSmallOnTheWire() {
    String id = kms.createKey("ECC_NIST_P256");
    kms.createAlias("alias/wire", id);
    kms.clearRequests();
    client.sign(b -> b.keyId("alias/wire").message(SdkBytes.fromByteArray(new byte[32]))
        .messageType(MessageType.DIGEST).signingAlgorithm("ECDSA_SHA_256"));
    assertEquals(1, kms.count("Sign"));
    KmsRequest sign = kms.requests("Sign").get(0);
    assertTrue(sign.succeeded());
    assertEquals("kms", sign.service());
    assertTrue(sign.requestBodyBytes() > 32 && sign.requestBodyBytes() < 200, sign.toString());
    assertTrue(sign.requestBytes() < 2048, sign.toString());
  }
}
