package dev.countersign.oci.internal.ecr;

import dev.countersign.core.BackendException;
import dev.countersign.oci.RegistryException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Calls ECR's {@code GetAuthorizationToken} with the AWS SDK v2: one {@link EcrClient} per region (and FIPS flag),
 * built on first use. The only class (with {@code EcrCredentials}) that touches the optional SDK. SDK failures become
 * {@link RegistryException}s naming the registry; no token or AWS secret is ever logged or put into a message.
 */
public final class EcrTokens implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EcrTokens.class);
  private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);

  private final AwsCredentialsProvider credentials;
  private final boolean ownsCredentials;
  private final SdkHttpClient httpClient;
  private final URI endpoint;
  private final String region;
  private final Map<String, EcrClient> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param credentials AWS credentials, or null for the SDK's default chain
   * @param httpClient the HTTP client, or null for the one the SDK finds on the class path
   * @param endpoint ECR API endpoint override, or null for the SDK's (which honours {@code AWS_ENDPOINT_URL_ECR})
   * @param region a region for every call instead of the registry's, or null
   */
  public EcrTokens(AwsCredentialsProvider credentials, SdkHttpClient httpClient, URI endpoint, String region) {
    this.ownsCredentials = credentials == null;
    this.credentials = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
    this.httpClient = httpClient;
    this.endpoint = endpoint;
    this.region = region;
  }

  /**
   * The token for {@code registry}, or empty when no AWS credentials can be found at all (so that a provider chain
   * can go on to Docker's config). ECR refusing the request is an exception.
   */
  public Optional<EcrToken> fetch(String registry, EcrHost target) {
    if (closed) {
      throw new BackendException("the ECR credentials provider is closed", false);
    }
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      LOG.debug("no AWS credentials for ECR registry {} ({}); leaving it to the next provider", registry,
          e.getClass().getSimpleName());
      return Optional.empty();
    }
    String where = "ECR GetAuthorizationToken for registry " + registry + " (" + target + ")";
    GetAuthorizationTokenResponse resp;
    try {
      resp = client(target).getAuthorizationToken(b -> b.registryIds(List.of(target.account())));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String msg = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      boolean retryable = e.retryable() || e.isThrottlingException() || e.statusCode() >= 500;
      throw new RegistryException(where + " failed: " + (code == null ? "HTTP " + e.statusCode() : code)
          + (msg == null || msg.isBlank() ? "" : ": " + firstLine(msg)) + hint(code), e.statusCode(), code,
          retryable, e);
    } catch (SdkException e) {
      throw new RegistryException(where + " failed: " + firstLine(String.valueOf(e.getMessage())), 0, null,
          e.retryable() || ioCause(e), e);
    }
    AuthorizationData data = resp.hasAuthorizationData() && !resp.authorizationData().isEmpty()
        ? resp.authorizationData().get(0) : null;
    if (data == null) {
      throw new RegistryException(where + " returned no authorization data", 200, null, false, null);
    }
    return Optional.of(EcrToken.decode(data.authorizationToken(), data.expiresAt(), registry));
  }

  private static String hint(String code) {
    return "AccessDeniedException".equals(code)
        ? " (the AWS identity needs the IAM permission ecr:GetAuthorizationToken)" : "";
  }

  private static boolean ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private EcrClient client(EcrHost target) {
    String r = region != null ? region : target.region();
    String key = r + (target.fips() ? "/fips" : "");
    return clients.computeIfAbsent(key, k -> {
      try {
        EcrClientBuilder b = EcrClient.builder().region(Region.of(r)).credentialsProvider(credentials)
            .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT));
        if (endpoint != null) {
          b.endpointOverride(endpoint); // decides the endpoint, FIPS or not (the SDK refuses both together)
        } else if (target.fips()) {
          b.fipsEnabled(true);
        }
        if (httpClient != null) {
          b.httpClient(httpClient);
        }
        return b.build();
      } catch (SdkException e) {
        throw new BackendException("cannot create an ECR client for region " + r + ": "
            + firstLine(String.valueOf(e.getMessage())), false, e);
      }
    });
  }

  /** Closes the ECR clients (not a caller's HTTP client or credentials provider). */
  @Override
  public void close() {
    closed = true;
    clients.values().forEach(EcrClient::close);
    clients.clear();
    if (ownsCredentials && credentials instanceof SdkAutoCloseable c) {
      c.close();
    }
  }
}
