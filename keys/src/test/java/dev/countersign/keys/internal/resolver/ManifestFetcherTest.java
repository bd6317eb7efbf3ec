package dev.countersign.keys.internal.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which hosts count as loopback for plain http, and which base URLs are refused. */
class ManifestFetcherTest {
  @ParameterizedTest
  @CsvSource({"localhost,true", "LOCALHOST,true", "127.0.0.1,true", "127.1.2.3,true", "[::1],true",
      "::1,true", "10.0.0.1,false", "cdn.example.com,false", "localhost.example.com,false", "[::2],false",
      "127.0.0.1.nip.io,false"})
  void loopbackHosts(String host, boolean loopback) {
    assertEquals(loopback, dev.countersign.keys.internal.LoopbackHosts.isLoopback(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1/keys/", "ftp://127.0.0.1/keys/", "file:///tmp/keys/",
      "https://cdn.example.com/keys/?x=1", "https://cdn.example.com/keys/#f", "keys/"})
  void refusedBaseUrls(String url) {
    assertThrows(InvalidInputException.class, () -> ManifestFetcher.checkBase(URI.create(url), false));
  }

  @ParameterizedTest
  @CsvSource({"https://cdn.example.com/keys,https://cdn.example.com/keys/keys.json",
      "http://127.0.0.1:8080/k/,http://127.0.0.1:8080/k/keys.json"})
  void manifestUrlIsBelowTheBase(String base, String expected) {
    assertEquals(expected, ManifestFetcher.checkBase(URI.create(base), false).resolve("keys.json").toString());
  }

  @ParameterizedTest
  @CsvSource(value = {"max-age=600|600", "public, max-age=60|60", "s-maxage=5|-1", "s-max-age=7|7",
      "no-cache|0", "private, no-store|0", "max-age=\"30\"|30", "public|-1", "MAX-AGE=9|9"}, delimiter = '|')
  void cacheControlFreshness(String header, long seconds) {
    java.time.Duration d = ManifestFetcher.maxAge(header);
    assertEquals(seconds, d == null ? -1 : d.getSeconds());
  }
}
