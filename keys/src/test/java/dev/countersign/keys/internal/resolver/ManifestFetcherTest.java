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
    assertEquals(loopback, ManifestFetcher.isLoopback(host));
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
}
