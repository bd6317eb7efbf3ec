package dev.countersign.kms.aws;

import dev.countersign.core.BackendException;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifier;
import dev.countersign.core.spi.KeyProvider;
import dev.countersign.core.spi.KeyReference;
import dev.countersign.core.spi.StagedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kms.model.KeySpec;

/**
 * The key backend for {@code awskms://} references, found by {@link java.util.ServiceLoader} (so
 * {@code KeyBackends.discover().signer("awskms:///alias/release", ...)} works) or registered explicitly with
 * {@code KeyBackends.builder().register(new AwsKmsKeyProvider(kms))}. The ServiceLoader instance creates its
 * {@link AwsKms} lazily with {@link AwsKms#fromEnvironment()}: the SDK's default credentials chain and Region, and
 * its endpoint resolution (which honours {@code AWS_ENDPOINT_URL_KMS}, {@code AWS_ENDPOINT_URL} and the system
 * properties {@code aws.endpointUrlKms} / {@code aws.endpointUrl}). Passwords are never asked for.
 */
public final class AwsKmsKeyProvider implements KeyProvider {
  private static final Logger LOG = LoggerFactory.getLogger(AwsKmsKeyProvider.class);

  private final Object lock = new Object();
  private volatile AwsKms kms;

  /** For {@link java.util.ServiceLoader}: an environment-configured {@link AwsKms}, made on first use. */
  public AwsKmsKeyProvider() {}

  /** A provider over {@code kms} (which the caller configures and closes). */
  public AwsKmsKeyProvider(AwsKms kms) {
    this.kms = Objects.requireNonNull(kms, "kms");
  }

  @Override
  public Set<String> schemes() {
    return Set.of(AwsKmsKeyReference.SCHEME);
  }

  /** A signer with the first signing algorithm the key lists (cosign's choice); {@code passwords} is unused. */
  @Override
  public Signer signer(KeyReference reference, PasswordSource passwords) {
    return kms().signer(reference.text());
  }

  /**
   * Creates a {@code SIGN_VERIFY} key and the alias {@code reference} names ({@code awskms:///alias/NAME}), tagged
   * for {@link AwsKmsKeys#history}: ECDSA P-256/P-384/P-521 map to the ECC_NIST specs; RSA algorithms get an
   * RSA_3072 key. The signer uses {@code algorithm}.
   */
  @Override
  public Signer generate(KeyReference reference, SignatureAlgorithm algorithm) {
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(reference);
    if (!ref.isAlias()) {
      throw new InvalidInputException("creating a KMS key needs an alias reference (awskms:///alias/NAME), got "
          + reference.text());
    }
    kms().keys().create(reference.text(), keySpec(algorithm));
    return kms().signer(reference.text(), algorithm);
  }

  /**
   * Creates a disabled key for the alias {@code reference} names, not yet named by it ({@link AwsKmsKeys#stage});
   * the staged key's backend id is the concrete key ARN.
   */
  @Override
  public StagedKey stage(KeyReference reference, SignatureAlgorithm algorithm) {
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(reference);
    if (!ref.isAlias()) {
      throw new InvalidInputException("staging a KMS key needs an alias reference (awskms:///alias/NAME), got "
          + reference.text());
    }
    var info = kms().keys().stageKey(reference.text(), keySpec(algorithm));
    return StagedKey.of(info.publicKey(), algorithm, info.arn());
  }

  /** Enables a staged key and moves its alias to it ({@link AwsKmsKeys#activate}). */
  @Override
  public boolean activate(KeyReference stagedKey) {
    return kms().keys().activate(stagedKey.text());
  }

  private static KeySpec keySpec(SignatureAlgorithm algorithm) {
    switch (algorithm.keyType()) {
      case EC:
        switch (algorithm.curve().orElse("")) {
          case "P-256":
            return KeySpec.ECC_NIST_P256;
          case "P-384":
            return KeySpec.ECC_NIST_P384;
          default:
            return KeySpec.ECC_NIST_P521;
        }
      case RSA:
        return KeySpec.RSA_3072;
      default:
        throw new InvalidInputException(algorithm.id() + " keys cannot be held in AWS KMS (no Ed25519 signing keys)");
    }
  }

  @Override
  public Verifier verifier(KeyReference reference) {
    return kms().verifier(reference.text());
  }

  /**
   * For an alias: the key it names now and, newest first, the keys it named before a rotation that are still
   * enabled ({@link AwsKmsKeys#history}), so older signatures still verify. When the history cannot be read (e.g.
   * no {@code kms:ListResourceTags} permission) only the current key is returned, with a warning in the log.
   */
  @Override
  public KeyResolver resolver(KeyReference reference) {
    AwsKms k = kms();
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(reference);
    Verifier current = k.verifier(reference.text());
    if (!ref.isAlias()) {
      return KeyResolver.of(current);
    }
    List<Verifier> all = new ArrayList<>();
    all.add(current);
    List<AwsKmsKeyVersion> history;
    try {
      history = k.keys().history(reference.text());
    } catch (BackendException e) {
      LOG.warn("cannot read the key history of {} ({}); verifying with its current key only", ref, e.getMessage());
      return KeyResolver.of(current);
    }
    for (AwsKmsKeyVersion v : history) {
      if (v.current() || !"Enabled".equals(v.keyState())) {
        continue;
      }
      try {
        all.add(k.verifier(v.reference().replace("awskms:///", endpointPrefix(ref))));
      } catch (CountersignException e) {
        LOG.warn("skipping previous key {} of {}: {}", v.keyArn(), ref, e.getMessage());
      }
    }
    return KeyResolver.of(all.toArray(new Verifier[0]));
  }

  private static String endpointPrefix(AwsKmsKeyReference ref) {
    return ref.endpoint().map(u -> "awskms://" + u.getRawAuthority() + "/").orElse("awskms:///");
  }

  private AwsKms kms() {
    AwsKms k = kms;
    if (k == null) {
      synchronized (lock) {
        k = kms;
        if (k == null) {
          k = AwsKms.fromEnvironment();
          kms = k;
        }
      }
    }
    return k;
  }
}
