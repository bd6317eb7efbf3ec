package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
  private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // input | registry | repository | tag | digest-present | canonical
      "ubuntu | index.docker.io | library/ubuntu | | false | index.docker.io/library/ubuntu",
      "ubuntu:22.04 | index.docker.io | library/ubuntu | 22.04 | false | index.docker.io/library/ubuntu:22.04",
      "docker.io/ubuntu | index.docker.io | library/ubuntu | | false | index.docker.io/library/ubuntu",
      "docker.io/library/ubuntu | index.docker.io | library/ubuntu | | false | index.docker.io/library/ubuntu",
      "index.docker.io/ubuntu | index.docker.io | library/ubuntu | | false | index.docker.io/library/ubuntu",
      "foo/bar | index.docker.io | foo/bar | | false | index.docker.io/foo/bar",
      "foo/bar/baz:t | index.docker.io | foo/bar/baz | t | false | index.docker.io/foo/bar/baz:t",
      "localhost/foo | localhost | foo | | false | localhost/foo",
      "localhost:5000/foo/bar:tag | localhost:5000 | foo/bar | tag | false | localhost:5000/foo/bar:tag",
      "127.0.0.1:5000/app | 127.0.0.1:5000 | app | | false | 127.0.0.1:5000/app",
      "ghcr.io/org/app:v1.2.3 | ghcr.io | org/app | v1.2.3 | false | ghcr.io/org/app:v1.2.3",
      "Registry/app | Registry | app | | false | Registry/app",
      "[::1]:5000/app | [::1]:5000 | app | | false | [::1]:5000/app",
      "foo:5000 | index.docker.io | library/foo | 5000 | false | index.docker.io/library/foo:5000",
      "a.b-c.d/x--y__z | a.b-c.d | x--y__z | | false | a.b-c.d/x--y__z",
      "my-registry.example.com:443/a/b.c | my-registry.example.com:443 | a/b.c | | false | my-registry.example.com:443/a/b.c",
      "foo/bar:_under | index.docker.io | foo/bar | _under | false | index.docker.io/foo/bar:_under",
  })
  void parsesLikeDockerDistribution(String input, String registry, String repo, String tag, boolean digest,
      String canonical) {
    ImageReference r = ImageReference.parse(input);
    assertEquals(registry, r.registry());
    assertEquals(repo, r.repositoryName());
    assertEquals(tag == null ? java.util.Optional.empty() : java.util.Optional.of(tag), r.tag());
    assertEquals(digest, r.digest().isPresent());
    assertEquals(canonical, r.toString());
    assertEquals(registry + "/" + repo, r.context());
    assertEquals(r, ImageReference.parse(r.toString()));
  }

  @Test
  void tagAndDigest() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/app:v1@sha256:" + HEX);
    assertEquals("v1", r.tag().orElseThrow());
    assertEquals(Digest.parse("sha256:" + HEX), r.digest().orElseThrow());
    assertEquals("sha256:" + HEX, r.identifier());
    assertEquals("127.0.0.1:5000/app:v1@sha256:" + HEX, r.toString());
    ImageReference byDigest = ImageReference.parse("app@sha256:" + HEX);
    assertFalse(byDigest.tag().isPresent());
    assertEquals("index.docker.io/library/app@sha256:" + HEX, byDigest.toString());
  }

  @Test
  void withersAndIdentifier() {
    ImageReference r = ImageReference.parse("ghcr.io/org/app");
    assertEquals(ImageReference.DEFAULT_TAG, r.identifier());
    Digest d = Digest.parse("sha256:" + HEX);
    assertEquals("ghcr.io/org/app@sha256:" + HEX, r.withDigest(d).toString());
    assertEquals("ghcr.io/org/app:v2", r.withDigest(d).withTag("v2").toString());
    assertEquals("ghcr.io/org/app:v2@sha256:" + HEX, r.withTag("v2").withDigest(d).toString());
    assertEquals("ghcr.io/org/app", r.withTag("v2").withDigest(d).withoutIdentifier().toString());
    assertThrows(InvalidInputException.class, () -> r.withTag("-bad"));
    assertEquals("index.docker.io/library/ubuntu", ImageReference.of("docker.io", "ubuntu").toString());
    assertEquals("127.0.0.1:5000/a/b", ImageReference.of("127.0.0.1:5000", "a/b").toString());
    assertThrows(InvalidInputException.class, () -> ImageReference.of("intranet", "a"));
    assertThrows(InvalidInputException.class, () -> ImageReference.of("ghcr.io", "a:tag"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "UPPER", "foo/Bar", "ghcr.io/Org/app", "foo//bar", "foo/", "/foo", "foo:", "foo:-bar", "foo:.bar",
      "foo@sha256:abc", "foo@md5:d41d8cd98f00b204e9800998ecf8427e", "foo@sha256:" + HEX + "x",
      "foo@SHA256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      HEX, "a___b", "a.-b", "-a", "a-", "a_-b", "_a", "a.", "foo bar", "foo:tag:tag2", "host:port:bad/foo",
      "-host.com/foo", "host.com:/foo", "foo/bar@", "foo@", "foo:bar/baz", "ghcr.io/", "a/b/c/../d",
      "foo\nbar", "a.b_c.io/x"
  })
  void rejectsInvalidForms(String input) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(input));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void messagesSayWhatIsWrong() {
    assertTrue(message("foo/Bar").contains("must be lowercase"), message("foo/Bar"));
    assertTrue(message("foo//bar").contains("empty path component"));
    assertTrue(message("foo:-x").contains("invalid tag"));
    assertTrue(message("foo@sha256:abc").contains("invalid digest"));
    assertTrue(message(HEX).contains("64-character hexadecimal"));
    assertTrue(message("").contains("empty"));
    assertTrue(message("a_-b").contains("path component 'a_-b'"));
  }

  @Test
  void nameLengthLimitIs255IncludingRegistry() {
    String host = "registry.example.com/";
    String ok = host + "a".repeat(255 - host.length());
    assertEquals(255 - host.length(), ImageReference.parse(ok).repositoryName().length());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(ok + "a"));
    assertTrue(e.getMessage().contains("255"));
    String longTag = "t".repeat(128);
    assertEquals(longTag, ImageReference.parse("app:" + longTag).tag().orElseThrow());
    assertThrows(InvalidInputException.class, () -> ImageReference.parse("app:" + longTag + "t"));
  }

  private static String message(String input) {
    return assertThrows(InvalidInputException.class, () -> ImageReference.parse(input)).getMessage();
  }
}
