package dev.countersign.oci;

import static dev.countersign.oci.testing.LayoutPeers.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oci.testing.LayoutFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop with umoci and skopeo (installed by src/test/peers/install.sh); fails when they are missing. */
class LayoutInteropTest {
  @TempDir Path tmp;

  @Test
  void layoutWrittenByUmociOpensAndVerifies() throws IOException {
    Path layoutDir = tmp.resolve("umoci");
    Path file = Files.writeString(tmp.resolve("hello.txt"), "hello from umoci\n");
    run("umoci", "init", "--layout", layoutDir.toString());
    run("umoci", "new", "--image", layoutDir + ":base");
    run("umoci", "insert", "--rootless", "--image", layoutDir + ":base", file.toString(), "/etc/hello.txt");
    run("umoci", "tag", "--image", layoutDir + ":base", "second");

    OciLayout layout = OciLayout.open(layoutDir);
    assertEquals(List.of("base", "second"), layout.tags());
    ImageManifest m = ImageManifest.parse(layout.manifest("base").orElseThrow());
    assertEquals(1, m.layers().size());
    List<Descriptor> blobs = new ArrayList<>(m.layers());
    blobs.add(m.config());
    for (Descriptor d : blobs) {
      try (InputStream in = layout.openBlob(d)) {
        assertEquals(d.size(), in.readAllBytes().length);
      }
    }
    // what we add to umoci's layout umoci still reads
    LayoutFixtures.image(layout, "ours", "ours");
    String ls = run("umoci", "ls", "--layout", layoutDir.toString());
    assertEquals(List.of("base", "ours", "second"), List.of(ls.strip().split("\n")).stream().sorted().toList());
  }

  @Test
  void imageWeBuildUnpacksWithUmoci() throws IOException {
    Path src = ImageBuilderTest.sources(tmp, 0);
    Path layoutDir = tmp.resolve("layout");
    ImageBuilderTest.builder(src).build(OciLayout.create(layoutDir), "v1");
    Path bundle = tmp.resolve("bundle");
    run("umoci", "unpack", "--rootless", "--image", layoutDir + ":v1", bundle.toString());
    Path rootfs = bundle.resolve("rootfs");
    assertEquals("#!/bin/sh\necho hi\n", Files.readString(rootfs.resolve("app/run.sh")));
    assertEquals("rwxr-xr-x", perms(rootfs.resolve("app/run.sh")));
    assertEquals("alpha\n", Files.readString(rootfs.resolve("app/data/a.txt")));
    assertEquals("rw-r--r--", perms(rootfs.resolve("app/data/a.txt")));
    assertEquals("rw-------", perms(rootfs.resolve("etc/app.conf")));
    assertEquals("rwxr-xr-x", perms(rootfs.resolve("app/data")));
    assertEquals("long\n", Files.readString(rootfs.resolve("app/data/" + ImageBuilderTest.LONG_DIR + "/"
        + ImageBuilderTest.LONG_NAME)));
    assertEquals("umlaut\n", Files.readString(rootfs.resolve("app/data/grüße.txt")));
    assertEquals(Path.of("a.txt"), Files.readSymbolicLink(rootfs.resolve("app/data/link")));
    JsonNode config = new ObjectMapper().readTree(bundle.resolve("config.json").toFile());
    assertEquals("[\"/app/run.sh\",\"--flag\"]", config.get("process").get("args").toString());
    assertEquals("/app", config.get("process").get("cwd").asText());
  }

  @Test
  void skopeoInspectsAndCopiesWhatWeBuild() throws IOException {
    Path layoutDir = tmp.resolve("layout");
    ImageManifest built = ImageBuilderTest.builder(ImageBuilderTest.sources(tmp, 0))
        .build(OciLayout.create(layoutDir), "v1");
    JsonNode inspect = new ObjectMapper().readTree(run("skopeo", "inspect", "oci:" + layoutDir + ":v1"));
    assertEquals(built.manifest().digest().toString(), inspect.get("Digest").asText());
    assertEquals("amd64", inspect.get("Architecture").asText());
    assertEquals(built.layers().get(1).digest().toString(), inspect.get("Layers").get(1).asText());
    assertArrayEquals(built.manifest().bytes(),
        run("skopeo", "inspect", "--raw", "oci:" + layoutDir + ":v1").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    Path copy = tmp.resolve("copy");
    run("skopeo", "copy", "oci:" + layoutDir + ":v1", "oci:" + copy + ":v2");
    OciLayout copied = OciLayout.open(copy);
    assertEquals(List.of("v2"), copied.tags());
    assertEquals(built.manifest(), copied.manifest("v2").orElseThrow());
    for (Descriptor d : built.layers()) {
      try (InputStream in = copied.openBlob(d)) {
        in.readAllBytes();
      }
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
