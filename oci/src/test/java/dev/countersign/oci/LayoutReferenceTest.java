package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayoutReferenceTest {
  static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesPathTagAndDigest() {
    LayoutReference r = LayoutReference.parse("oci:/tmp/layout:v1.0");
    assertEquals(Path.of("/tmp/layout"), r.path());
    assertEquals("v1.0", r.tag().orElseThrow());
    assertEquals("oci:/tmp/layout:v1.0", r.toString());

    r = LayoutReference.parse("oci:/tmp/layout@sha256:" + HEX);
    assertEquals(Path.of("/tmp/layout"), r.path());
    assertEquals("sha256:" + HEX, r.tagOrDigest().orElseThrow());

    r = LayoutReference.parse("oci:relative/dir");
    assertEquals(Path.of("relative/dir"), r.path());
    assertTrue(r.tagOrDigest().isEmpty());
  }

  @Test
  void colonsInDirectoryNamesBelongToThePath() {
    LayoutReference r = LayoutReference.parse("oci:/mnt/c:d/layout:latest");
    assertEquals(Path.of("/mnt/c:d/layout"), r.path());
    assertEquals("latest", r.tag().orElseThrow());
    r = LayoutReference.parse("oci:/mnt/c:d/layout");
    assertEquals(Path.of("/mnt/c:d/layout"), r.path());
    assertTrue(r.tag().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/layout:v1", "docker://x", "oci:", "oci::tag", "oci:/tmp/l:", "oci:/tmp/l:-bad",
      "oci:/tmp/l:.hidden", "oci:/tmp/l@sha256:00", "oci:/tmp/l@md5:" + HEX, "oci:../up:v1",
      "oci:/tmp/layout:../../etc/passwd", "oci:/tmp/a/../b", "oci:/tmp/l\u0000x:v1", "oci:/tmp/l:t\u0001"})
  void refusesMalformedAndTraversingReferences(String text) {
    assertThrows(InvalidInputException.class, () -> LayoutReference.parse(text));
  }
}
