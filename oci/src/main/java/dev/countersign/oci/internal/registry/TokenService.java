package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.oci.Credentials;
import dev.countersign.oci.RegistryException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * The Docker/OCI Bearer token flow: GET {@code realm?service=&scope=} (Basic credentials when there are some) or,
 * with an identity token, POST an OAuth2 refresh-token grant. Tokens are cached per registry and scope set until
 * shortly before they expire.
 */
final class TokenService {
  private static final int MAX_TOKEN_RESPONSE = 1 << 20;
  private static final long DEFAULT_EXPIRY_SECONDS = 60;
  private static final long EXPIRY_SLACK_SECONDS = 10;

  private record Token(String value, Instant expires) {}

  private final RegistryHttp http;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  TokenService(RegistryHttp http) {
    this.http = http;
  }

  String token(String registry, AuthChallenge challenge, List<String> scopes, Optional<Credentials> creds,
      boolean refresh) {
    TreeSet<String> sorted = new TreeSet<>(scopes);
    String key = registry.toLowerCase(java.util.Locale.ROOT) + "|" + challenge.realm() + "|" + String.join(" ", sorted);
    Token cached = cache.get(key);
    if (!refresh && cached != null && Instant.now().isBefore(cached.expires())) {
      return cached.value();
    }
    Token fresh = fetch(registry, challenge, sorted, creds);
    cache.put(key, fresh);
    return fresh.value();
  }

  private Token fetch(String registry, AuthChallenge challenge, TreeSet<String> scopes, Optional<Credentials> creds) {
    HttpUrl realm = challenge.realm() == null ? null : HttpUrl.parse(challenge.realm());
    if (realm == null) {
      throw new RegistryException("authentication to " + registry + " failed: invalid token realm in the challenge",
          401, "UNAUTHORIZED", false, null);
    }
    if (!http.plainHttpAllowed(realm)) {
      throw new RegistryException("authentication to " + registry + " failed: refusing to use the plain HTTP token "
          + "service " + Hosts.authority(realm), 401, "UNAUTHORIZED", false, null);
    }
    String service = challenge.service();
    RegistryRequest r;
    boolean identity = creds.isPresent() && creds.get().kind() == Credentials.Kind.IDENTITY_TOKEN;
    if (identity) {
      FormBody.Builder form = new FormBody.Builder().add("grant_type", "refresh_token")
          .add("client_id", "countersign").add("refresh_token", RegistryHttp.secretString(creds.get()));
      if (service != null) {
        form.add("service", service);
      }
      if (!scopes.isEmpty()) {
        form.add("scope", String.join(" ", scopes));
      }
      r = new RegistryRequest(Hosts.authority(realm), "POST", realm, form.build()).idempotent(true);
    } else {
      HttpUrl.Builder u = realm.newBuilder();
      if (service != null) {
        u.addQueryParameter("service", service);
      }
      for (String s : scopes) {
        u.addQueryParameter("scope", s);
      }
      r = new RegistryRequest(Hosts.authority(realm), "GET", u.build(), null);
      creds.filter(c -> c.kind() == Credentials.Kind.BASIC)
          .ifPresent(c -> r.header("Authorization", RegistryHttp.basic(c)));
    }
    r.unauthenticated();
    Response resp = http.send(r);
    if (resp.code() != 200) {
      RegistryException e = Bodies.error(resp, "token request to " + Hosts.authority(realm));
      String why = resp.code() == 401 || resp.code() == 403
          ? (creds.isPresent() ? "the token service rejected the credentials" : "the token service requires "
          + "credentials and none were found for " + registry)
          : e.getMessage();
      throw new RegistryException("authentication to " + registry + " failed: " + why + " (HTTP " + resp.code()
          + ")", resp.code(), e.errorCode() != null ? e.errorCode() : "UNAUTHORIZED", e.retryable(), e);
    }
    byte[] body;
    try (resp) {
      body = Bodies.read(resp, MAX_TOKEN_RESPONSE, "token response from " + Hosts.authority(realm));
    }
    JsonNode json = Bodies.json(body, "token response from " + Hosts.authority(realm));
    String token = json.path("token").asText("");
    if (token.isEmpty()) {
      token = json.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new RegistryException("authentication to " + registry + " failed: the token response has no token",
          200, null, false, null);
    }
    long expiresIn = json.path("expires_in").canConvertToLong() ? json.path("expires_in").asLong()
        : DEFAULT_EXPIRY_SECONDS;
    if (expiresIn <= 0) {
      expiresIn = DEFAULT_EXPIRY_SECONDS;
    }
    Instant issued = Instant.now();
    return new Token(token, issued.plusSeconds(Math.max(0, Math.min(expiresIn, 86_400) - EXPIRY_SLACK_SECONDS)));
  }
}
