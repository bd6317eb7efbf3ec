package dev.countersign.kms.aws.internal;

import dev.countersign.core.BackendException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import java.security.PublicKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/** A {@link Verifier} that asks KMS ({@code Verify}, {@code MessageType=DIGEST}) instead of checking locally. */
final class KmsRemoteVerifier implements Verifier {
  private final KmsClient client;
  private final KmsKeyInfo key;
  private final SignatureAlgorithm algorithm;
  private final SigningAlgorithmSpec kmsAlgorithm;
  private final DigestAlgorithm digestAlgorithm;
  private final KeyId keyId;

  KmsRemoteVerifier(KmsClient client, KmsKeyInfo key, SignatureAlgorithm algorithm) {
    this.client = client;
    this.key = key;
    this.algorithm = algorithm;
    this.kmsAlgorithm = KmsAlgorithms.toKms(algorithm);
    this.digestAlgorithm = algorithm.digestAlgorithm().orElseThrow();
    this.keyId = KeyId.of(key.publicKey());
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public KeyId keyId() {
    return keyId;
  }

  @Override
  public void verifyDigest(Digest digest, byte[] signature) {
    if (digest.algorithm() != digestAlgorithm) {
      throw new InvalidInputException(algorithm.id() + " verifies " + digestAlgorithm.ociName() + " digests, got a "
          + digest.algorithm().ociName() + " digest");
    }
    if (signature == null || signature.length == 0 || signature.length > 6144) {
      throw failure("signature is " + (signature == null || signature.length == 0 ? "empty" : "oversized"));
    }
    VerifyResponse r;
    try {
      r = KmsErrors.call("Verify", key.arn(), () -> client.verify(b -> b.keyId(key.arn())
          .message(SdkBytes.fromByteArray(digest.bytes())).messageType(MessageType.DIGEST)
          .signingAlgorithm(kmsAlgorithm).signature(SdkBytes.fromByteArray(signature))));
    } catch (BackendException e) {
      if (e.getCause() instanceof KmsInvalidSignatureException) {
        throw failure("KMS Verify rejected it");
      }
      throw e;
    }
    if (!Boolean.TRUE.equals(r.signatureValid())) {
      throw failure("KMS Verify answered signatureValid=" + r.signatureValid());
    }
  }

  private VerificationException failure(String detail) {
    return new VerificationException(VerificationReport.builder("signature")
        .add(VerificationCheck.failed("signature", "valid " + algorithm.id() + " signature by KMS key " + key.arn(),
            "signature does not verify", detail))
        .build());
  }

  @Override
  public String toString() {
    return "AwsKmsRemoteVerifier{" + key + ", " + algorithm.id() + "}";
  }
}
