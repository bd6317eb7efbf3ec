package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImageReferenceProperties {
  @Property(tries = 500)
  void formatThenParseIsIdentity(@ForAll("references") String input) {
    ImageReference r = ImageReference.parse(input);
    ImageReference again = ImageReference.parse(r.toString());
    assertEquals(r, again);
    assertEquals(r.toString(), again.toString());
    assertTrue(r.toString().startsWith(r.context()));
  }

  @Property(tries = 300)
  void explicitRegistryIsKept(@ForAll("registries") String registry, @ForAll("paths") String path) {
    ImageReference r = ImageReference.parse(registry + "/" + path);
    assertEquals(registry, r.registry());
    assertEquals(path, r.repositoryName());
  }

  @Property(tries = 1000)
  void arbitraryStringsParseOrFailCleanly(@ForAll String s) {
    try {
      ImageReference r = ImageReference.parse(s);
      assertEquals(r, ImageReference.parse(r.toString()));
    } catch (InvalidInputException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
    }
  }

  @Provide
  Arbitrary<String> registries() {
    return Arbitraries.of("localhost", "localhost:5000", "ghcr.io", "127.0.0.1:5000", "registry.example.com:443",
        "a-b.c-d.example", "[::1]:5000", "Upper.Case.io");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> alnum = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1)
        .ofMaxLength(6);
    Arbitrary<String> sep = Arbitraries.of(".", "_", "__", "-", "--", "---");
    Arbitrary<String> component = Combinators.combine(alnum, sep.list().ofMaxSize(2), alnum.list().ofMaxSize(2))
        .as((head, seps, tails) -> {
          StringBuilder sb = new StringBuilder(head);
          for (int i = 0; i < Math.min(seps.size(), tails.size()); i++) {
            sb.append(seps.get(i)).append(tails.get(i));
          }
          return sb.toString();
        });
    return component.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
  }

  @Provide
  Arbitrary<String> references() {
    Arbitrary<String> registry = Arbitraries.oneOf(registries().map(r -> r + "/"), Arbitraries.of("", "docker.io/",
        "index.docker.io/"));
    Arbitrary<String> tag = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings()
        .withChars("abcXYZ019_.-").ofMinLength(0).ofMaxLength(20).map(t -> ":v" + t));
    Arbitrary<String> digest = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofLength(8)
        .map(s -> "@" + Digest.compute(DigestAlgorithm.SHA256, s.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    // Without a registry, a first component with a '.' would itself be read as a registry (as docker does), so
    // such inputs name Docker Hub explicitly.
    return Combinators.combine(registry, paths(), tag, digest).as((r, p, t, d) -> String.join("", List.of(
        r.isEmpty() && p.split("/")[0].contains(".") && p.contains("/") ? "docker.io/" : r, p, t, d)));
  }
}
