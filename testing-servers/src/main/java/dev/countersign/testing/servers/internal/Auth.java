package dev.countersign.testing.servers.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Basic authentication, or the Docker Bearer token flow: a 401 with
 * {@code WWW-Authenticate: Bearer realm="<url>/token",service="countersign-test-registry",scope="repository:<name>:<actions>"},
 * a token endpoint that checks Basic credentials (when configured) and grants the requested scopes, and tokens
 * checked against the scope each request needs (pull for reads, pull,push for writes, delete for DELETE).
 */
final class Auth {
  static final String REALM = "countersign-test-registry";
  private final RegistryConfig config;
  private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
  private volatile String baseUrl = "";

  Auth(RegistryConfig config) {
    this.config = config;
  }

  void baseUrl(String url) {
    this.baseUrl = url;
  }

  /** Null when {@code authorization} may make the request, else the 401 to send. */
  Reply check(String authorization, String method, String name) {
    if (!config.authenticated()) {
      return null;
    }
    String actions = name == null ? null : switch (method) {
      case "GET", "HEAD" -> "pull";
      case "DELETE" -> "delete";
      default -> "pull,push";
    };
    if (!config.bearer()) {
      if (basicMatches(authorization)) {
        return null;
      }
      return Reply.error(401, "UNAUTHORIZED", "authentication required")
          .header("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
    if (authorization != null && authorization.startsWith("Bearer ")) {
      Set<String> granted = tokens.get(authorization.substring(7).trim());
      if (granted != null && (name == null || covers(granted, name, actions))) {
        return null;
      }
    }
    String challenge = "Bearer realm=\"" + baseUrl + "/token\",service=\"" + REALM + "\""
        + (name == null ? "" : ",scope=\"repository:" + name + ":" + actions + "\"");
    return Reply.error(401, "UNAUTHORIZED", "authentication required").header("WWW-Authenticate", challenge);
  }

  private static boolean covers(Set<String> granted, String name, String actions) {
    for (String a : actions.split(",")) {
      if (!granted.contains(name + ":" + a) && !granted.contains(name + ":*")) {
        return false;
      }
    }
    return true;
  }

  /** GET {@code /token?service=&scope=...}: a token for the requested scopes, or 401 for wrong credentials. */
  Reply token(Call call, String authorization) {
    if (!config.bearer()) {
      throw Reply.fail(404, "UNSUPPORTED", "no token service: the registry uses Basic authentication");
    }
    if (config.user() != null && !basicMatches(authorization)) {
      return Reply.error(401, "UNAUTHORIZED", "invalid credentials")
          .header("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
    Set<String> granted = new HashSet<>();
    for (String scopes : call.query.getOrDefault("scope", java.util.List.of())) {
      for (String scope : scopes.split(" ")) {
        String[] parts = scope.split(":");
        if (parts.length == 3 && parts[0].equals("repository")) {
          for (String action : parts[2].split(",")) {
            granted.add(parts[1] + ":" + action);
          }
        }
      }
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, granted);
    return Reply.json(200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token
        + "\",\"expires_in\":300}");
  }

  private boolean basicMatches(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6) || config.user() == null) {
      return false;
    }
    byte[] expected = (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8);
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }
}
