package dev.countersign.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SourceRepositoriesTest {
  @ParameterizedTest
  @CsvSource({
      "git+https://GitHub.com/acme/web.git, github.com/acme/web",
      "https://github.com/acme/web, github.com/acme/web",
      "https://github.com/acme/web/, github.com/acme/web",
      "https://github.com/acme/web.git/, github.com/acme/web",
      "github.com/acme/web, github.com/acme/web",
      "GITHUB.COM/acme/web, github.com/acme/web",
      "git+https://github.com/acme/web@refs/heads/main, github.com/acme/web",
      "git+https://github.com/acme/web.git@refs/tags/v1.0, github.com/acme/web",
      "https://user:token@github.com/acme/web.git, github.com/acme/web",
      "git@github.com:acme/web.git, github.com/acme/web",
      "ssh://git@github.com/acme/web.git, github.com/acme/web",
      "git+ssh://git@GitLab.example.com:2222/group/sub/web.git, gitlab.example.com:2222/group/sub/web",
      "https://github.com/acme/web?x=1#frag, github.com/acme/web",
      "https://github.com/Acme/Web, github.com/Acme/Web",
  })
  void normalises(String input, String expected) {
    assertEquals(expected, SourceRepositories.normalise(input));
  }

  @Test
  void refSuffix() {
    assertEquals("refs/heads/main", SourceRepositories.refSuffix("git+https://github.com/acme/web@refs/heads/main"));
    assertNull(SourceRepositories.refSuffix("https://user@github.com/acme/web"));
    assertNull(SourceRepositories.refSuffix("git+https://github.com/acme/web@"));
  }
}
