package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysDemoTest {
  @TempDir
  Path dir;

  @Test
  void ceremonyRotationAndRevocationPlayOutAsTheCustomerSeesThem() throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    KeysDemo.Outcome outcome;
    try {
      outcome = KeysDemo.run(dir);
    } finally {
      System.setOut(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);

    assertEquals("threshold-previous", outcome.refusedRule());
    assertTrue(outcome.oldAfterRotation().passed(), outcome.oldAfterRotation()::toString);
    assertTrue(outcome.newAfterRotation().passed(), outcome.newAfterRotation()::toString);
    assertFalse(outcome.oldAfterRevocation().passed());
    assertTrue(outcome.newAfterRevocation().passed(), outcome.newAfterRevocation()::toString);
    assertEquals(3, outcome.last().version());
    assertEquals(List.of(KeyStatus.REVOKED, KeyStatus.ACTIVE),
        outcome.last().keys().stream().map(k -> k.status()).toList());

    // What the CDN directory holds verifies independently of the demo, from the pinned first version.
    Path cdn = dir.resolve("cdn");
    try (Stream<Path> files = Files.list(cdn)) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      assertTrue(names.containsAll(Set.of("keys.json", "1.keys.json", "2.keys.json", "3.keys.json",
          "1.ceremony.json", "2.ceremony.json", "3.ceremony.json")), names::toString);
      assertEquals(2, names.stream().filter(n -> n.matches("pubkey-\\d{4}-\\d{2}-\\d{2}\\.pem")).count(),
          names::toString);
    }
    ManifestTrust trust = ManifestTrust.pin(Files.readAllBytes(cdn.resolve("1.keys.json")))
        .trustChain(List.of(Files.readAllBytes(cdn.resolve("2.keys.json")),
            Files.readAllBytes(cdn.resolve("3.keys.json"))), Instant.now());
    assertEquals(3, trust.trusted().version());

    assertTrue(text.contains("publishing with one signature: REFUSED, threshold-previous: FAILED"), text);
    assertTrue(text.contains("by retired-no-time"), text);
    assertTrue(text.contains("refused by revoked"), text);
    assertTrue(text.contains("day 101, verify " + KeysDemo.REFERENCE + ":1.0: REFUSED"), text);
    assertTrue(text.contains("day 101, verify " + KeysDemo.REFERENCE + ":1.1: VERIFIED"), text);
  }
}
