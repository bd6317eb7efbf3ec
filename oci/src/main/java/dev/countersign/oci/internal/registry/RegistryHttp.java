package dev.countersign.oci.internal.registry;

import dev.countersign.oci.Credentials;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP engine under {@code Registry}: picks the scheme (TLS unless loopback or listed insecure), authenticates
 * (anonymous, Basic, Bearer tokens cached per scope), retries idempotent requests with backoff and
 * {@code Retry-After}, follows redirects without carrying credentials to another origin, and counts requests.
 * Never logs headers, query strings or credentials.
 */
public final class RegistryHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  private static final int MAX_REDIRECTS = 5;

  private final OkHttpClient client;
  private final CredentialsProvider credentials;
  private final Set<String> insecure;
  private final RetryPolicy retry;
  private final String userAgent;
  private final Duration callTimeout;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Optional<Credentials>> credentialCache = new ConcurrentHashMap<>();
  private final TokenService tokens;
  private final Set<String> withoutReferrersApi = ConcurrentHashMap.newKeySet();

  public RegistryHttp(OkHttpClient client, CredentialsProvider credentials, Set<String> insecure, RetryPolicy retry,
      String userAgent, Duration callTimeout) {
    this.client = client;
    this.credentials = credentials;
    this.insecure = Set.copyOf(insecure);
    this.retry = retry;
    this.userAgent = userAgent;
    this.callTimeout = callTimeout;
    this.tokens = new TokenService(this);
  }

  /** {@code https://registry/v2/} (or {@code http://} for loopback and insecure registries). */
  public HttpUrl base(String registry) {
    String scheme = Hosts.plainHttpAllowed(registry, insecure) ? "http" : "https";
    HttpUrl url = HttpUrl.parse(scheme + "://" + registry + "/v2/");
    if (url == null) {
      throw new dev.countersign.core.InvalidInputException("invalid registry host '" + registry + "'");
    }
    return url;
  }

  /** HTTP requests sent so far (each attempt, redirect hop and token request counts). */
  public long requestCount() {
    return requests.get();
  }

  /**
   * Whether {@code registry} answered a referrers API request with 404 (it lacks the API) earlier in this client's
   * life: then the fallback tag is read directly instead of probing again for each subject.
   */
  boolean lacksReferrersApi(String registry) {
    return withoutReferrersApi.contains(registry.toLowerCase(java.util.Locale.ROOT));
  }

  void rememberNoReferrersApi(String registry) {
    withoutReferrersApi.add(registry.toLowerCase(java.util.Locale.ROOT));
  }

  boolean plainHttpAllowed(HttpUrl url) {
    return url.isHttps() || Hosts.plainHttpAllowed(Hosts.authority(url), insecure);
  }

  Optional<Credentials> credentials(String registry) {
    return credentialCache.computeIfAbsent(registry.toLowerCase(java.util.Locale.ROOT),
        r -> credentials.credentials(registry));
  }

  /** Drops the cached lookup (not wiped: another request may be using it); the next one asks the provider. */
  private void forgetCredentials(String registry) {
    credentialCache.remove(registry.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Sends {@code r}: authenticates on a 401 challenge (once), retries idempotent requests on 429/5xx/IO errors,
   * follows redirects when asked. Returns the final response, whatever its status (401 excepted); the caller closes it.
   */
  Response send(RegistryRequest r) {
    HttpUrl url = r.url;
    boolean authenticate = r.authenticate;
    List<String> scopes = new ArrayList<>(r.scopes);
    int failures = 0;
    int redirects = 0;
    boolean authRetried = false;
    while (true) {
      Request.Builder rb = new Request.Builder().url(url).method(r.method, r.body).header("User-Agent", userAgent);
      r.headers.forEach(rb::header);
      boolean sentAuthorization = false;
      if (authenticate) {
        String authorization = authorization(r.registry, scopes, false);
        if (authorization != null) {
          rb.header("Authorization", authorization);
          sentAuthorization = true;
        }
      }
      Response resp;
      try {
        resp = execute(rb.build(), r.bounded);
      } catch (IOException e) {
        failures++;
        if (r.idempotent && failures < retry.maxAttempts()) {
          LOG.debug("{} failed ({}), retrying", r.describe(url), e.getClass().getSimpleName());
          sleep(retry.backoff(failures));
          continue;
        }
        throw new RegistryException(r.describe(url) + " failed after " + failures + " attempt(s): "
            + Bodies.firstLine(e.toString()), 0, null, true, e);
      }
      int code = resp.code();
      if (code == 401 && authenticate) {
        AuthChallenge c = AuthChallenge.select(resp.headers("WWW-Authenticate"));
        resp.close();
        if (authRetried || c == null) {
          throw unauthorized(r, c == null ? "no usable WWW-Authenticate challenge in the 401 response"
              : credentials(r.registry).isPresent() ? "the credentials were rejected"
              : "the registry requires authentication and no credentials were found for " + r.registry);
        }
        authRetried = true;
        if (sentAuthorization) {
          // what was sent is stale (an expired ECR token, a rotated password): ask the provider again, once
          forgetCredentials(r.registry);
        }
        challenges.put(r.registry, c);
        if (c.isBearer()) {
          if (c.scope() != null) {
            for (String s : c.scope().split(" ")) {
              if (!s.isEmpty() && !scopes.contains(s)) {
                scopes.add(s);
              }
            }
          }
          authorization(r.registry, scopes, true);
        } else if (credentials(r.registry).filter(x -> x.kind() == Credentials.Kind.BASIC).isEmpty()) {
          throw unauthorized(r, "the registry requires Basic authentication and no user name and password were "
              + "found for " + r.registry);
        }
        continue;
      }
      if (r.followRedirects && (code == 301 || code == 302 || code == 303 || code == 307 || code == 308)) {
        String location = resp.header("Location");
        resp.close();
        HttpUrl next = location == null ? null : url.resolve(location);
        if (next == null || ++redirects > MAX_REDIRECTS) {
          throw new RegistryException(r.describe(url) + ": " + (next == null ? "redirect without a valid Location"
              : "more than " + MAX_REDIRECTS + " redirects"), code, null, false, null);
        }
        if (!plainHttpAllowed(next)) {
          throw new RegistryException(r.describe(url) + ": refusing a redirect to plain HTTP host "
              + Hosts.authority(next), code, null, false, null);
        }
        if (!sameOrigin(url, next)) {
          authenticate = false;
        }
        url = next;
        continue;
      }
      if (Bodies.retryable(code) && r.idempotent) {
        failures++;
        if (failures < retry.maxAttempts()) {
          Duration delay = RetryAfter.parse(resp.header("Retry-After")).orElse(retry.backoff(failures));
          if (delay.compareTo(retry.maxDelay()) <= 0) {
            resp.close();
            LOG.debug("{} answered {}, retrying in {} ms", r.describe(url), code, delay.toMillis());
            sleep(delay);
            continue;
          }
        }
      }
      return resp;
    }
  }

  private Response execute(Request request, boolean bounded) throws IOException {
    okhttp3.Call call = client.newCall(request);
    if (bounded && !callTimeout.isZero()) {
      call.timeout().timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    requests.incrementAndGet();
    Response resp = call.execute();
    if (LOG.isDebugEnabled()) {
      HttpUrl u = request.url();
      LOG.debug("{} {}://{}{} -> {}", request.method(), u.scheme(), Hosts.authority(u), u.encodedPath(),
          resp.code());
    }
    return resp;
  }

  /** The Authorization header value for {@code registry} and {@code scopes}, or null for anonymous. */
  private String authorization(String registry, List<String> scopes, boolean refresh) {
    Optional<Credentials> creds = credentials(registry);
    if (creds.isPresent() && creds.get().kind() == Credentials.Kind.REGISTRY_TOKEN) {
      return "Bearer " + secretString(creds.get());
    }
    AuthChallenge c = challenges.get(registry);
    if (c == null) {
      return null;
    }
    if (c.isBearer()) {
      return "Bearer " + tokens.token(registry, c, scopes, creds, refresh);
    }
    return creds.filter(x -> x.kind() == Credentials.Kind.BASIC).map(RegistryHttp::basic).orElse(null);
  }

  static String basic(Credentials c) {
    char[] secret = c.secret();
    byte[] raw = (c.username() + ":" + new String(secret)).getBytes(StandardCharsets.UTF_8);
    Arrays.fill(secret, '\0');
    try {
      return "Basic " + Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  static String secretString(Credentials c) {
    char[] secret = c.secret();
    try {
      return new String(secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static RegistryException unauthorized(RegistryRequest r, String why) {
    return new RegistryException(r.describe(r.url) + " failed: HTTP 401 unauthorized: " + why, 401, "UNAUTHORIZED",
        false, null);
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while waiting to retry", 0, null, true, e);
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
