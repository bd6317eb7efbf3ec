package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.TinkKeyset;
import dev.countersign.testing.servers.TestKms;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

class AwsKmsTinkTest {
  @RegisterExtension
  static final TestKms LOCAL = TestKms.start();
  private static final byte[] AD = "keyset for release signing".getBytes(StandardCharsets.UTF_8);

  private static String symmetricArn() {
    return LOCAL.keyArn(LOCAL.createKey("SYMMETRIC_DEFAULT"));
  }

  @Test
  void encryptedKeysetRoundTripsThroughKms() {
    String arn = symmetricArn();
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      Aead aead = kms.aead("awskms:///" + arn);
      TinkKeyset keyset = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256)
          .rotate(SignatureAlgorithm.RSA_PSS_SHA256);
      LOCAL.clearRequests();
      String json = keyset.toEncryptedJson(aead, AD);
      assertEquals(1, LOCAL.count("Encrypt"));
      assertFalse(json.contains(keyset.toCleartextJson().substring(0, 40)));
      TinkKeyset back = TinkKeyset.readEncrypted(json.getBytes(StandardCharsets.UTF_8), aead, AD);
      assertEquals(1, LOCAL.count("Decrypt"));
      assertEquals(keyset.keys().toString(), back.keys().toString(), "same ids, algorithms, statuses, key ids");
      byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
      Verifiers.of(keyset.signer()).verify(data, back.signer().sign(data));

      InvalidInputException wrongAd = assertThrows(InvalidInputException.class,
          () -> TinkKeyset.readEncrypted(json.getBytes(StandardCharsets.UTF_8), aead, "other".getBytes()));
      assertTrue(wrongAd.getMessage().contains("cannot decrypt"), wrongAd.getMessage());
      assertThrows(InvalidInputException.class,
          () -> TinkKeyset.readEncrypted(json.getBytes(StandardCharsets.UTF_8), kms.aead("awskms:///" + symmetricArn()),
              AD));
    }
  }

  @Test
  void associatedDataIsTheTinkEncryptionContext() throws Exception {
    String arn = symmetricArn();
    byte[] plaintext = "secret".getBytes(StandardCharsets.UTF_8);
    try (AwsKms kms = LocalAwsKms.of(LOCAL); KmsClient admin = LocalAwsKms.admin(LOCAL)) {
      byte[] ct = kms.aead("aws-kms://" + arn).encrypt(plaintext, AD);
      // decryptable with the encryption context Tink's AWS KMS integration uses, and only with it
      byte[] pt = admin.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ct))
          .encryptionContext(Map.of("associatedData", HexFormat.of().formatHex(AD)))).plaintext().asByteArray();
      assertArrayEquals(plaintext, pt);
      assertThrows(RuntimeException.class, () -> admin.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ct))));
      // no associated data means no encryption context
      byte[] ct2 = kms.aead("aws-kms://" + arn).encrypt(plaintext, new byte[0]);
      assertArrayEquals(plaintext, admin.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ct2))).plaintext()
          .asByteArray());
      assertArrayEquals(plaintext, kms.aead("awskms:///" + arn).decrypt(ct2, null));
    }
  }

  @Test
  void decryptionChecksTheKeyAndReportsFailuresAsGeneralSecurityException() throws Exception {
    String arn = symmetricArn();
    String other = symmetricArn();
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      byte[] ct = kms.aead("awskms:///" + arn).encrypt("x".getBytes(StandardCharsets.UTF_8), AD);
      assertThrows(GeneralSecurityException.class, () -> kms.aead("awskms:///" + other).decrypt(ct, AD));
      assertThrows(GeneralSecurityException.class, () -> kms.aead("awskms:///" + arn).decrypt(ct, null));
      byte[] tampered = ct.clone();
      tampered[tampered.length / 2] ^= 1;
      assertThrows(GeneralSecurityException.class, () -> kms.aead("awskms:///" + arn).decrypt(tampered, AD));

      GeneralSecurityException missing = assertThrows(GeneralSecurityException.class,
          () -> kms.aead("awskms:///alias/no-such-key").encrypt(new byte[1], null));
      assertInstanceOf(KeyNotFoundException.class, missing.getCause());
      for (int i = 0; i < 3; i++) {
        LOCAL.failNext("Decrypt", "KMSInternalException", 500);
      }
      GeneralSecurityException busy = assertThrows(GeneralSecurityException.class,
          () -> kms.aead("awskms:///" + arn).decrypt(ct, AD));
      assertTrue(((BackendException) busy.getCause()).retryable());
    }
  }

  @Test
  void tinkKmsClientServesAwsKmsUris() throws Exception {
    String arn = symmetricArn();
    String uri = "aws-kms://" + arn;
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      AwsKmsClient any = new AwsKmsClient(kms);
      assertTrue(any.doesSupport(uri));
      assertTrue(any.doesSupport("AWS-KMS://" + arn));
      assertFalse(any.doesSupport("gcp-kms://projects/p"));
      assertFalse(any.doesSupport(null));
      AwsKmsClient bound = new AwsKmsClient(kms, uri);
      assertTrue(bound.doesSupport(uri));
      assertFalse(bound.doesSupport("aws-kms://" + symmetricArn()));
      assertThrows(GeneralSecurityException.class, () -> bound.getAead("aws-kms://" + symmetricArn()));
      assertThrows(GeneralSecurityException.class, () -> any.getAead("aws-kms://not an arn"));
      assertThrows(InvalidInputException.class, () -> new AwsKmsClient(kms, "gcp-kms://x"));

      TinkKeyset keyset = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P384_SHA384);
      String json = keyset.toEncryptedJson(any.getAead(uri), null);
      assertEquals(keyset.keys().toString(), TinkKeyset.readEncrypted(json.getBytes(StandardCharsets.UTF_8),
          bound.getAead(uri), null).keys().toString());
    }
  }
}
