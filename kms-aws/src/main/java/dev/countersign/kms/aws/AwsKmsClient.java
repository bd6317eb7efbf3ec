package dev.countersign.kms.aws;

import com.google.crypto.tink.Aead;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Tink's {@link com.google.crypto.tink.KmsClient} for {@code aws-kms://} key URIs (key or alias ARNs), on AWS SDK
 * v2 through an {@link AwsKms}; its AEADs are {@link AwsKmsAead}s. Register it with
 * {@code KmsClients.add(new AwsKmsClient(kms))} or call {@link #getAead} directly. Immutable: the
 * {@code with...Credentials} methods return a new client over a new {@link AwsKms} (which lives as long as the
 * returned client is reachable and is not closed).
 */
public final class AwsKmsClient implements com.google.crypto.tink.KmsClient {
  private final AwsKms kms;
  private final String boundUri;

  /** A client for every {@code aws-kms://} URI. */
  public AwsKmsClient(AwsKms kms) {
    this(kms, null);
  }

  /** A client for one key URI only, {@code aws-kms://...} (null for every URI). */
  public AwsKmsClient(AwsKms kms, String keyUri) {
    this.kms = Objects.requireNonNull(kms, "kms");
    if (keyUri != null && !hasPrefix(keyUri)) {
      throw new InvalidInputException("Tink key URI must start with " + AwsKmsAead.TINK_PREFIX + ", got " + keyUri);
    }
    this.boundUri = keyUri;
  }

  @Override
  public boolean doesSupport(String keyUri) {
    if (keyUri == null) {
      return false;
    }
    return boundUri != null ? boundUri.equals(keyUri) : hasPrefix(keyUri);
  }

  /**
   * A client whose credentials come from the {@code default} profile of the AWS credentials file at
   * {@code credentialPath} (null: the default credentials chain).
   */
  @Override
  public com.google.crypto.tink.KmsClient withCredentials(String credentialPath) throws GeneralSecurityException {
    if (credentialPath == null) {
      return withDefaultCredentials();
    }
    try {
      ProfileFile file = ProfileFile.builder().content(Path.of(credentialPath)).type(ProfileFile.Type.CREDENTIALS)
          .build();
      ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder().profileFile(file)
          .profileName("default").build();
      return new AwsKmsClient(AwsKms.builder().credentialsProvider(provider).build(), boundUri);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("cannot load AWS credentials from " + credentialPath, e);
    }
  }

  /** A client using the SDK's default credentials chain, Region and endpoint. */
  @Override
  public com.google.crypto.tink.KmsClient withDefaultCredentials() {
    return new AwsKmsClient(AwsKms.fromEnvironment(), boundUri);
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    if (!doesSupport(keyUri)) {
      throw new GeneralSecurityException(boundUri != null ? "this client is bound to " + boundUri
          + ", not " + keyUri : "not an AWS KMS key URI (aws-kms://...): " + keyUri);
    }
    try {
      return kms.aead(keyUri);
    } catch (CountersignException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static boolean hasPrefix(String uri) {
    return uri.toLowerCase(Locale.ROOT).startsWith(AwsKmsAead.TINK_PREFIX);
  }

  @Override
  public String toString() {
    return "AwsKmsClient{" + (boundUri == null ? "any aws-kms:// key" : boundUri) + "}";
  }
}
