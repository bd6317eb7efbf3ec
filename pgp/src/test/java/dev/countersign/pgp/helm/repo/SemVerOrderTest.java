package dev.countersign.pgp.helm.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.pgp.internal.repo.SemVer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemVerOrderTest {
  @Test
  void sortsNewestFirstAsHelmDoes() {
    // SemVer 2.0 precedence: numeric identifiers sort below alphanumeric ones, so rc.a > rc.10 > rc.2

    List<String> expected = List.of("v2", "1.10.0", "1.9.0", "1.9.0-rc.a", "1.9.0-rc.10", "1.9.0-rc.2",
        "1.9.0-alpha", "1.0", "0.0.1+build", "banana", "x.y");
    for (int seed = 0; seed < 20; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new java.util.Random(seed));
      shuffled.sort(SemVer.NEWEST_FIRST);
      assertEquals(expected, shuffled);
    }
  }
}
