package dev.countersign.kms.aws.internal;

import dev.countersign.core.BackendException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.kms.aws.AwsKmsKeyReference;
import java.security.PublicKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * A {@link Signer} whose private key stays in KMS: the digest is computed locally and sent in one {@code Sign} call
 * ({@code MessageType=DIGEST}) to the key's ARN. The signer is bound to the key its reference named when it was
 * made; when the cached description is refreshed (after the time to live) and the reference now names another key
 * (an alias moved), signing fails rather than producing a signature that {@link #publicKey()} does not verify.
 * Every signature KMS returns is checked against the public key before it is handed out.
 */
final class KmsSigner implements Signer {
  private final KmsKeyStore store;
  private final AwsKmsKeyReference ref;
  private final KmsKeyInfo key;
  private final SignatureAlgorithm algorithm;
  private final SigningAlgorithmSpec kmsAlgorithm;
  private final DigestAlgorithm digestAlgorithm;
  private final Verifier check;

  KmsSigner(KmsKeyStore store, AwsKmsKeyReference ref, KmsKeyInfo key, SignatureAlgorithm algorithm) {
    this.store = store;
    this.ref = ref;
    this.key = key;
    this.algorithm = algorithm;
    this.kmsAlgorithm = KmsAlgorithms.toKms(algorithm);
    this.digestAlgorithm = algorithm.digestAlgorithm().orElseThrow();
    this.check = Verifiers.of(key.publicKey(), algorithm);
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
    return check.keyId();
  }

  @Override
  public byte[] signDigest(Digest digest) {
    if (digest.algorithm() != digestAlgorithm) {
      throw new InvalidInputException(algorithm.id() + " signs " + digestAlgorithm.ociName() + " digests, got a "
          + digest.algorithm().ociName() + " digest");
    }
    KmsKeyInfo current = store.info(ref);
    if (!current.sameKey(key)) {
      throw new BackendException(ref + " now names KMS key " + current + ", but this signer was made for " + key
          + " with " + algorithm.id() + " (the alias was moved, e.g. by a rotation); get a new signer to sign with"
          + " the new key", false);
    }
    SignResponse r = KmsErrors.call("Sign", key.arn(), () -> store.client(ref).sign(b -> b.keyId(key.arn())
        .message(SdkBytes.fromByteArray(digest.bytes())).messageType(MessageType.DIGEST)
        .signingAlgorithm(kmsAlgorithm)));
    byte[] signature = r.signature() == null ? new byte[0] : r.signature().asByteArray();
    try {
      check.verifyDigest(digest, signature);
    } catch (VerificationException | InvalidInputException e) {
      throw new BackendException("KMS key " + key.arn() + " returned a " + kmsAlgorithm + " signature that does"
          + " not verify with its public key; refusing it", false, e);
    }
    return signature;
  }

  @Override
  public String toString() {
    return "AwsKmsSigner{" + key + ", " + algorithm.id() + "}";
  }
}
