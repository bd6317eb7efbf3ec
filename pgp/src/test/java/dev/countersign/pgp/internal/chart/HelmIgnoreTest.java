package dev.countersign.pgp.internal.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from Helm's pkg/ignore/rules_test.go semantics (glob per segment, dir-only, negation, anchoring). */
class HelmIgnoreTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "helm.txt|helm.txt|false|true",
      "helm.*|helm.txt|false|true",
      "helm.*|rudder.txt|false|false",
      "*.txt|tiller.txt|false|true",
      "*.txt|cargo/a.txt|false|true",
      "cargo/*.txt|cargo/a.txt|false|true",
      "cargo/*.*|cargo/a.txt|false|true",
      "cargo/*.txt|mast/a.txt|false|false",
      "ru[c-e]?er.txt|rudder.txt|false|true",
      "templates/.?*|templates/.dotfile|false|true",
      "/helm.txt|helm.txt|false|true",
      "/helm.txt|cargo/helm.txt|false|false",
      "cargo/|cargo|true|true",
      "cargo/|cargo|false|false",
      "mast/|mast/a.txt|false|false",
      "!helm.txt|rudder.txt|false|true",
      "!helm.txt|helm.txt|false|false",
      "!cargo/|cargo|true|false",
      "!cargo/|mast.txt|false|true",
      "*.[ch]|a.c|false|true",
      "*.[^ch]|a.c|false|false",
      "*.[!ch]|a.c|false|true",
      "a\\*b|a*b|false|true",
  })
  void matchesAsHelmDoes(String rule, String path, boolean dir, boolean ignored) {
    HelmIgnore h = HelmIgnore.parse((rule + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(ignored, h.ignore(path, dir), rule + " on " + path);
  }

  @ParameterizedTest
  @CsvSource({"a/**/b", "[abc", "x\\"})
  void badRulesAreRefused(String rule) {
    assertThrows(InvalidInputException.class, () -> HelmIgnore.parse(rule.getBytes(StandardCharsets.UTF_8)));
  }
}
