package dev.countersign.testing.servers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a {@link TestRegistry} received: method, path, raw query ({@code ""} when none), headers (names in
 * lower case) and the status it answered, {@code 0} when the connection was closed without a response (a
 * {@link Fault#connectionReset() reset}). {@code Authorization} header values are replaced by their scheme.
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
    int status) {

  /** Copies the header map; all components are required. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** {@code path} plus {@code ?query} when there is one. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  @Override
  public String toString() {
    return method + " " + target() + " -> " + status;
  }
}
