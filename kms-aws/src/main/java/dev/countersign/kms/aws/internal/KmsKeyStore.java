package dev.countersign.kms.aws.internal;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.kms.aws.AwsKmsKeyReference;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The engine behind {@code AwsKms}: SDK clients, the public-key cache (one DescribeKey and one GetPublicKey per key
 * per time to live) and the signers and verifiers built on them. Thread-safe.
 */
public final class KmsKeyStore implements AutoCloseable {
  private final KmsClientPool clients;
  private final KeyCache cache;
  private final boolean remoteVerify;

  public KmsKeyStore(KmsClientPool clients, Duration ttl, Clock clock, boolean remoteVerify) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.cache = new KeyCache(ttl, clock);
    this.remoteVerify = remoteVerify;
  }

  /** The SDK client for {@code ref}. */
  public KmsClient client(AwsKmsKeyReference ref) {
    return clients.client(ref);
  }

  /** The key {@code ref} names, from the cache or freshly described and checked. */
  public KmsKeyInfo info(AwsKmsKeyReference ref) {
    KmsClient client = clients.client(ref);
    return cache.get(clients.clientKey(ref) + "\n" + ref.keyId(), () -> KmsKeyLoader.load(client, ref));
  }

  /** A signer with {@code pinned}, or with the first algorithm the key lists when {@code pinned} is null. */
  public Signer signer(AwsKmsKeyReference ref, SignatureAlgorithm pinned) {
    KmsKeyInfo key = info(ref);
    SignatureAlgorithm alg = KmsAlgorithms.choose(key.arn(), key.keySpec(), key.signingAlgorithms(), pinned);
    return new KmsSigner(this, ref, key, alg);
  }

  /** A verifier of the key's current public key: local, or through KMS Verify when so configured. */
  public Verifier verifier(AwsKmsKeyReference ref, SignatureAlgorithm pinned) {
    KmsKeyInfo key = info(ref);
    SignatureAlgorithm alg = KmsAlgorithms.choose(key.arn(), key.keySpec(), key.signingAlgorithms(), pinned);
    return remoteVerify ? new KmsRemoteVerifier(clients.client(ref), key, alg) : Verifiers.of(key.publicKey(), alg);
  }

  /** Forgets every cached key description (after a rotation or deletion). */
  public void clearCache() {
    cache.clear();
  }

  @Override
  public void close() {
    clients.close();
  }
}
