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
  void thePathEndsAtTheFirstColonAsInContainersImage() {
    LayoutReference r = LayoutReference.parse("oci:/mnt/c:d/layout:latest");
    assertEquals(Path.of("/mnt/c"), r.path());
    assertEquals("d/layout:latest", r.tag().orElseThrow());
    r = LayoutReference.parse("oci:/tmp/layout:example.com/team/app:v1.2");
    assertEquals(Path.of("/tmp/layout"), r.path());
    assertEquals("example.com/team/app:v1.2", r.tagOrDigest().orElseThrow());
    assertEquals("oci:/tmp/layout:example.com/team/app:v1.2", r.toString());
    // an empty reference names no image, as in containers/image
    r = LayoutReference.parse("oci:/tmp/layout:");
    assertEquals(Path.of("/tmp/layout"), r.path());
    assertTrue(r.tagOrDigest().isEmpty());
    // '@' before the first ':' is part of the path unless what follows is a digest (our extension)
    r = LayoutReference.parse("oci:/tmp/l@md5:" + HEX);
    assertEquals(Path.of("/tmp/l@md5"), r.path());
    assertEquals(HEX, r.tag().orElseThrow());
    r = LayoutReference.parse("oci:/tmp/x@y/layout@sha256:" + HEX);
    assertEquals(Path.of("/tmp/x@y/layout"), r.path());
    assertEquals("sha256:" + HEX, r.digest().orElseThrow().toString());
  }

  @Test
  void parsedReferencesPrintBackToThemselves() {
    for (String text : new String[] {"oci:/tmp/layout", "oci:rel/l:v1", "oci:/l:a/b:c", "oci:/l@sha256:" + HEX}) {
      assertEquals(text, LayoutReference.parse(text).toString());
      assertEquals(LayoutReference.parse(text), LayoutReference.parse(LayoutReference.parse(text).toString()));
    }
  }

  @Test
  void pathsWithColonsCannotBeNamedAndSourceIndexesAreRefusedPrecisely() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> LayoutReference.of(Path.of("/mnt/c:d"), "v1"));
    assertTrue(e.getMessage().contains("must not contain ':'"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> LayoutReference.parse("oci:/tmp/layout:@0"));
    assertTrue(e.getMessage().contains("source-index"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/layout:v1", "docker://x", "oci:", "oci::tag", "oci:/tmp/l:-bad",
      "oci:/tmp/l:.hidden", "oci:/tmp/l@sha256:00", "oci:/tmp/l@SHA512:zz", "oci:/tmp/l:@1", "oci:../up:v1",
      "oci:/tmp/layout:../../etc/passwd", "oci:/tmp/a/../b", "oci:/tmp/l\u0000x:v1", "oci:/tmp/l:t\u0001"})
  void refusesMalformedAndTraversingReferences(String text) {
    assertThrows(InvalidInputException.class, () -> LayoutReference.parse(text));
  }
}
