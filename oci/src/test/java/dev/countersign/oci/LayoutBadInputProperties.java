package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.LayoutFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/** Bad input against layouts, manifests and references: only precise {@link InvalidInputException}s. */
class LayoutBadInputProperties {
  static final String VALID_MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
      + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":0},\"layers\":[{\"mediaType\":"
      + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:"
      + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":0}],"
      + "\"annotations\":{\"a\":\"b\"}}";
  static final String VALID_INDEX = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
      + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
      + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"size\":5,\"annotations\":"
      + "{\"org.opencontainers.image.ref.name\":\"v1\"},\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";

  Path dir;

  @BeforeTry
  void createDir() throws IOException {
    dir = Files.createTempDirectory("layout-props");
  }

  @AfterTry
  void deleteDir() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Mutations of valid JSON: truncation, a dropped or swapped character, a value replaced by another type. */
  @Provide
  Arbitrary<String> mutatedManifest() {
    return mutations(VALID_MANIFEST);
  }

  @Provide
  Arbitrary<String> mutatedIndex() {
    return mutations(VALID_INDEX);
  }

  static Arbitrary<String> mutations(String valid) {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, valid.length() - 1);
    Arbitrary<String> replacement = Arbitraries.of("1", "-1", "null", "[]", "{}", "\"x\"", "true", "1e400",
        "\"sha256:../../etc/passwd\"", "{\"schemaVersion\":2}");
    return Arbitraries.oneOf(
        pos.map(i -> valid.substring(0, i)),
        pos.map(i -> valid.substring(0, i) + valid.substring(i + 1)),
        Arbitraries.integers().between(0, valid.length() - 2).map(i -> valid.substring(0, i) + valid.charAt(i + 1)
            + valid.charAt(i) + valid.substring(i + 2)),
        Arbitraries.of(valueStarts(valid)).flatMap(i -> replacement.map(r -> replaceValue(valid, i, r))),
        Arbitraries.of(keyStarts(valid)).map(i -> valid.substring(0, i) + valid.substring(i,
            valid.indexOf(':', i) + 1) + "0," + valid.substring(i)));
  }

  @Property(tries = 300)
  void mutatedManifestsParseOrFailWithInvalidInput(@ForAll("mutatedManifest") String json) {
    Manifest m = Manifest.of(MediaTypes.OCI_MANIFEST, json.getBytes(StandardCharsets.UTF_8));
    try {
      ImageManifest parsed = ImageManifest.parse(m);
      assertTrue(parsed.config().size() >= 0);
    } catch (InvalidInputException expected) {
      assertFalse(expected.getMessage().isBlank());
    }
  }

  @Property(tries = 300)
  void mutatedIndexJsonOpensOrFailsWithInvalidInput(@ForAll("mutatedIndex") String json) throws IOException {
    OciLayout.create(dir);
    Files.writeString(dir.resolve("index.json"), json);
    try {
      OciLayout layout = OciLayout.open(dir);
      layout.tags();
      layout.resolve("v1");
    } catch (InvalidInputException expected) {
      assertFalse(expected.getMessage().isBlank());
    }
  }

  @Property(tries = 100)
  void arbitraryBytesAsIndexJsonFailWithInvalidInput(@ForAll byte[] junk) throws IOException {
    OciLayout.create(dir);
    Files.write(dir.resolve("index.json"), junk);
    assertThrows(InvalidInputException.class, () -> OciLayout.open(dir));
  }

  @Property(tries = 100)
  void blobsWhoseContentDoesNotMatchTheirNameAreRefused(@ForAll byte[] content, @ForAll byte[] other)
      throws IOException {
    OciLayout layout = OciLayout.create(dir);
    Digest claimed = Digest.compute(DigestAlgorithm.SHA256, other);
    if (java.util.Arrays.equals(content, other)) {
      return;
    }
    assertThrows(InvalidInputException.class,
        () -> layout.pushBlob("x/y", claimed, content.length, new ByteArrayInputStream(content)));
    assertFalse(layout.hasBlob(claimed));
    // a file placed under the wrong name is caught on read
    Files.write(dir.resolve("blobs/sha256/" + claimed.hex()), content);
    Descriptor d = Descriptor.of("x/y", claimed, content.length);
    assertThrows(InvalidInputException.class, () -> {
      try (InputStream in = layout.openBlob(d)) {
        in.readAllBytes();
      }
    });
  }

  @Provide
  Arbitrary<String> traversal() {
    Arbitrary<String> prefix = Arbitraries.of("", "a/", "/tmp/x/", "./");
    Arbitrary<String> dots = Arbitraries.of("../", "../../", "a/../", "../../etc/passwd/");
    Arbitrary<String> suffix = Arbitraries.of("", "layout", "layout:v1", "l@sha256:" + "0".repeat(64), ":v1");
    return Arbitraries.strings().withChars("abc:/@.").ofMaxLength(4).flatMap(noise ->
        prefix.flatMap(p -> dots.flatMap(d -> suffix.map(s -> "oci:" + p + noise + "/" + d + s))));
  }

  @Property(tries = 200)
  void layoutReferencesWithTraversalAreRefused(@ForAll("traversal") String ref) {
    assertThrows(InvalidInputException.class, () -> LayoutReference.parse(ref));
  }

  @Property(tries = 50)
  void blobAndManifestNamesCannotTraverse(@ForAll("traversalName") String name) {
    OciLayout layout = OciLayout.create(dir);
    assertThrows(InvalidInputException.class, () -> layout.resolve(name));
    assertThrows(InvalidInputException.class, () -> layout.putManifest(
        ImageIndex.builder().build().manifest(), name.replace("sha256:", "")));
  }

  @Provide
  Arbitrary<String> traversalName() {
    return Arbitraries.of("sha256:../../../etc/passwd", "sha256:/etc/passwd", "sha256:..", "../index.json",
        "sha512:../x", "md5:../x", "sha256:" + "a".repeat(63) + "/");
  }

  @Example
  void symlinkedBlobDirectoryEscapingTheLayoutIsRefused() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside/sha256"));
    byte[] data = "secret".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.compute(DigestAlgorithm.SHA256, data);
    Files.write(outside.resolve(d.hex()), data);
    Path root = Files.createDirectories(dir.resolve("layout"));
    Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    Files.createSymbolicLink(root.resolve("blobs"), dir.resolve("outside"));
    OciLayout layout = OciLayout.open(root);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> layout.hasBlob(d));
    assertTrue(e.getMessage().contains("escapes"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> layout.openBlob(Descriptor.of("x/y", d, data.length)));
    assertThrows(InvalidInputException.class, () -> layout.pushBlob("x/y", "new".getBytes(StandardCharsets.UTF_8)));
    assertFalse(Files.exists(outside.resolve(Digest.compute(DigestAlgorithm.SHA256,
        "new".getBytes(StandardCharsets.UTF_8)).hex())));
  }

  @Example
  void symlinkedBlobFileEscapingTheLayoutIsRefused() throws IOException {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    byte[] data = "secret".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.compute(DigestAlgorithm.SHA256, data);
    Path target = Files.write(dir.resolve("secret"), data);
    Files.createSymbolicLink(layout.path().resolve("blobs/sha256/" + d.hex()), target);
    assertThrows(InvalidInputException.class, () -> layout.openBlob(Descriptor.of("x/y", d, data.length)));
    assertThrows(InvalidInputException.class, () -> layout.resolve(d.toString()));
  }

  @Example
  void oversizedIndexJsonIsRefused() throws IOException {
    OciLayout.create(dir);
    Files.write(dir.resolve("index.json"), new byte[(4 << 20) + 1]);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OciLayout.open(dir));
    assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
  }

  @Example
  void indexJsonListingAMissingBlobFailsOnRead() {
    OciLayout layout = OciLayout.create(dir);
    ImageManifest m = LayoutFixtures.image(layout, "x", "v1");
    try {
      Files.delete(dir.resolve("blobs/sha256/" + m.manifest().digest().hex()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> layout.manifest("v1"));
    assertTrue(e.getMessage().contains("is not in layout"), e.getMessage());
    assertEquals(1, layout.tags().size());
  }

  /** Positions just after a ':' that separates a key from its value. */
  static java.util.List<Integer> valueStarts(String json) {
    return java.util.stream.IntStream.range(0, json.length() - 1).filter(i -> json.charAt(i) == ':'
        && json.charAt(i - 1) == '"').map(i -> i + 1).boxed().toList();
  }

  /** Positions of the opening quote of each key. */
  static java.util.List<Integer> keyStarts(String json) {
    return java.util.stream.IntStream.range(1, json.length()).filter(i -> json.charAt(i) == '"'
        && (json.charAt(i - 1) == '{' || json.charAt(i - 1) == ',')).boxed().toList();
  }

  /** Replaces the JSON value starting at {@code start} (a string, number, literal, object or array). */
  static String replaceValue(String json, int start, String replacement) {
    int end = start;
    char c = json.charAt(start);
    if (c == '"') {
      end = json.indexOf('"', start + 1) + 1;
    } else if (c == '{' || c == '[') {
      int depth = 0;
      do {
        char ch = json.charAt(end);
        depth += ch == '{' || ch == '[' ? 1 : ch == '}' || ch == ']' ? -1 : 0;
        end++;
      } while (depth > 0);
    } else {
      while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
        end++;
      }
    }
    return json.substring(0, start) + replacement + json.substring(end);
  }
}
