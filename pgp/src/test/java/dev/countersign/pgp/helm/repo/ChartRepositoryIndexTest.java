package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.helm.ChartIndexEntry;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChartRepositoryIndexTest {
  static final String DIGEST = "a".repeat(64);
  static final String INDEX = String.join("\n",
      "apiVersion: v1",
      "entries:",
      "  nginx:",
      "    - urls: [https://charts.example.com/nginx-0.9.0.tgz]",
      "      name: nginx",
      "      version: 0.9.0",
      "      created: 2016-10-06T16:23:20.499814565-06:00",
      "      digest: " + DIGEST,
      "    - urls: [nginx-0.10.0.tgz]",
      "      name: nginx",
      "      version: 0.10.0",
      "      created: \"2016-10-06T16:23:20.499543808-06:00\"",
      "      description: string",
      "      home: https://github.com/something",
      "      keywords: [popular, web server, proxy]",
      "      maintainers: [{name: Jane, email: jane@example.com}]",
      "    - urls: [nginx-1.0.0-rc.1.tgz]",
      "      name: nginx",
      "      version: 1.0.0-rc.1",
      "  alpine:",
      "    - name: alpine",
      "      version: 1.0.0",
      "      appVersion: \"3.18\"",
      "      urls: [alpine-1.0.0.tgz]",
      "    - name: alpine",
      "      version: not-a-version",
      "generated: 2016-10-06T16:23:20.499029981-06:00",
      "");

  static ChartRepositoryIndex sample() {
    return ChartRepositoryIndex.parse(INDEX.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsHelmIndexSortedNewestFirstAndSkipsInvalidEntries() {
    ChartRepositoryIndex index = sample();
    assertEquals(List.of("alpine", "nginx"), List.copyOf(index.entries().keySet()));
    assertEquals(List.of("1.0.0-rc.1", "0.10.0", "0.9.0"),
        index.versions("nginx").stream().map(ChartIndexEntry::version).collect(Collectors.toList()));
    assertEquals("0.10.0", index.latest("nginx").orElseThrow().version());
    assertEquals(1, index.skipped().size(), index.skipped().toString());
    assertTrue(index.skipped().get(0).contains("not-a-version"));
    ChartIndexEntry e = index.find("nginx", "0.9.0").orElseThrow();
    assertEquals(DIGEST, e.digest().orElseThrow());
    assertEquals(Instant.parse("2016-10-06T22:23:20.499814565Z"), e.created().orElseThrow());
    assertEquals("3.18", index.find("alpine", "1.0.0").orElseThrow().metadata().get("appVersion").asText());
    assertEquals(Instant.parse("2016-10-06T22:23:20.499029981Z"), index.generated());
  }

  @Test
  void roundTripsDeterministically() {
    ChartRepositoryIndex index = sample();
    byte[] yaml = index.toYaml();
    ChartRepositoryIndex again = ChartRepositoryIndex.parse(yaml);
    assertEquals(index.entries(), again.entries());
    assertArrayEquals(yaml, again.toYaml());
    String text = new String(yaml, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("apiVersion: v1\nentries:\n  alpine:\n"), text);
    assertTrue(text.contains("appVersion: \"3.18\""), text);
    assertTrue(text.contains("version: \"0.10.0\""), text);
    assertTrue(text.contains("created: \"2016-10-06T16:23:20.499543808-06:00\""), text);
    assertTrue(text.contains("generated: \"2016-10-06T22:23:20.499029981Z\""), text);
  }

  @Test
  void entryOfMetadataWritesHelmFields() {
    ObjectNode md = JsonNodeFactory.instance.objectNode().put("name", "demo").put("version", "1.2.3+build.1")
        .put("apiVersion", "v2");
    Instant created = Instant.parse("2024-05-06T07:08:09.120Z");
    ChartIndexEntry e = ChartIndexEntry.of(md, List.of("demo-1.2.3+build.1.tgz"), created, DIGEST);
    ChartRepositoryIndex index = ChartRepositoryIndex.empty(Instant.parse("2024-05-06T07:08:10Z")).with(e);
    String text = new String(index.toYaml(), StandardCharsets.UTF_8);
    assertEquals(String.join("\n",
        "apiVersion: v1",
        "entries:",
        "  demo:",
        "  - apiVersion: v2",
        "    created: \"2024-05-06T07:08:09.12Z\"",
        "    digest: " + DIGEST,
        "    name: demo",
        "    urls:",
        "    - demo-1.2.3+build.1.tgz",
        "    version: \"1.2.3+build.1\"",
        "generated: \"2024-05-06T07:08:10Z\"",
        ""), text);
  }

  @Test
  void mergeKeepsThisIndexEntryForTheSameVersion() {
    Instant t1 = Instant.parse("2020-01-01T00:00:00Z");
    Instant t2 = Instant.parse("2021-01-01T00:00:00Z");
    ObjectNode md = JsonNodeFactory.instance.objectNode().put("name", "a").put("version", "1.0.0");
    ObjectNode md2 = JsonNodeFactory.instance.objectNode().put("name", "a").put("version", "2.0.0");
    ChartRepositoryIndex mine = ChartRepositoryIndex.empty(t2).with(ChartIndexEntry.of(md, List.of("new"), t2, null));
    ChartRepositoryIndex theirs = ChartRepositoryIndex.empty(t1).with(ChartIndexEntry.of(md, List.of("old"), t1, null))
        .with(ChartIndexEntry.of(md2, List.of("two"), t1, null));
    ChartRepositoryIndex merged = mine.merge(theirs);
    assertEquals(List.of("two", "new"), merged.versions("a").stream().map(v -> v.urls().get(0))
        .collect(Collectors.toList()));
  }

  @Test
  void readsJsonIndexes() {
    String json = "{\"apiVersion\":\"v1\",\"entries\":{\"x\":[{\"name\":\"x\",\"version\":\"1.0.0\","
        + "\"urls\":[\"x-1.0.0.tgz\"],\"created\":\"2020-01-01T00:00:00Z\"}]},\"generated\":\"2020-01-01T00:00:00Z\"}";
    assertEquals("x-1.0.0.tgz", ChartRepositoryIndex.parse(json.getBytes(StandardCharsets.UTF_8))
        .find("x", "1.0.0").orElseThrow().urls().get(0));
  }

  @Test
  void refusesAliasesOversizeAndMissingApiVersion() {
    String bomb = "apiVersion: v1\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n";
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ChartRepositoryIndex.parse(bomb.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("alias"), e.getMessage());
    String scalarAlias = "apiVersion: &v v1\ngenerated: *v\n";
    assertThrows(InvalidInputException.class,
        () -> ChartRepositoryIndex.parse(scalarAlias.getBytes(StandardCharsets.UTF_8)));
    byte[] big = new byte[(64 << 20) + 1];
    Arrays.fill(big, (byte) ' ');
    e = assertThrows(InvalidInputException.class, () -> ChartRepositoryIndex.parse(big));
    assertTrue(e.getMessage().contains("64 MiB"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> ChartRepositoryIndex.parse("entries: {}\n".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("no API version"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> ChartRepositoryIndex.parse(new byte[0]));
    assertThrows(InvalidInputException.class,
        () -> ChartRepositoryIndex.parse("apiVersion: v1\napiVersion: v2\n".getBytes(StandardCharsets.UTF_8)));
    assertThrows(InvalidInputException.class,
        () -> ChartRepositoryIndex.parse("apiVersion: [v1\n".getBytes(StandardCharsets.UTF_8)));
  }
}
