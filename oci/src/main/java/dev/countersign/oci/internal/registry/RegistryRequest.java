package dev.countersign.oci.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/**
 * One logical request to a registry: what {@link RegistryHttp#send} needs to authenticate, retry and follow it.
 * Bodies are always replayable (held in memory), so a request can be re-sent after a 401 or a retryable failure.
 */
final class RegistryRequest {
  final String registry;
  final String method;
  final HttpUrl url;
  final RequestBody body;
  final Map<String, String> headers = new LinkedHashMap<>();
  final List<String> scopes = new ArrayList<>();
  boolean idempotent;
  boolean bounded = true;
  boolean followRedirects;
  boolean authenticate = true;

  RegistryRequest(String registry, String method, HttpUrl url, RequestBody body) {
    this.registry = registry;
    this.method = method;
    this.url = url;
    this.body = body;
    this.idempotent = method.equals("GET") || method.equals("HEAD");
  }

  RegistryRequest header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  RegistryRequest scope(String scope) {
    scopes.add(scope);
    return this;
  }

  RegistryRequest idempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }

  /** Streaming: no overall call timeout (the read timeout still applies). */
  RegistryRequest streaming() {
    this.bounded = false;
    return this;
  }

  RegistryRequest followRedirects() {
    this.followRedirects = true;
    return this;
  }

  /** Sent without any Authorization (token service requests carry their own). */
  RegistryRequest unauthenticated() {
    this.authenticate = false;
    return this;
  }

  /** {@code METHOD scheme://host/path} without the query, which may hold upload state or signed URL parts. */
  String describe(HttpUrl u) {
    return method + " " + u.scheme() + "://" + Hosts.authority(u) + u.encodedPath();
  }
}
