package dev.countersign.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefPatternTest {
  @ParameterizedTest
  @CsvSource({
      "refs/heads/main, refs/heads/main, true",
      "refs/heads/main, refs/heads/main2, false",
      "refs/heads/main, main, false",
      "refs/tags/v*, refs/tags/v1.2.0, true",
      "refs/tags/v*, refs/tags/v1/rc, false",
      "refs/tags/v*, refs/tags/x1, false",
      "refs/heads/release/**, refs/heads/release/1.x/hotfix, true",
      "refs/heads/release-?, refs/heads/release-7, true",
      "refs/heads/release-?, refs/heads/release-/, false",
      "refs/heads/a.b, refs/heads/aXb, false",
  })
  void globs(String pattern, String ref, boolean matches) {
    assertEquals(matches, RefPattern.compile(pattern, "p").matches(ref));
  }

  @Test
  void durations() {
    assertEquals(Duration.ofHours(720), GoDuration.parse("720h", "maxAge"));
    assertEquals(Duration.ofMinutes(30), GoDuration.parse("30m", "maxAge"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m", "maxAge"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h", "maxAge"));
    assertEquals(Duration.ofMillis(1500), GoDuration.parse("1s500ms", "maxAge"));
    assertEquals("720h", GoDuration.format(Duration.ofHours(720)));
    assertEquals("1h30m", GoDuration.format(Duration.ofMinutes(90)));
    for (String bad : new String[] {"", "720", "30d", "-1h", "0s", "h", "1h 30m", "876600h1s", "1e3h"}) {
      assertThrows(InvalidInputException.class, () -> GoDuration.parse(bad, "maxAge"), bad);
    }
  }
}
