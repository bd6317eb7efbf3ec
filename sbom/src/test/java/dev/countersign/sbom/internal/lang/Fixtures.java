package dev.countersign.sbom.internal.lang;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyclonedx.model.Component;

/** The real fixtures under src/test/resources/lang (see the NOTICE there) and archive builders. */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/lang/NOTICE").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path jar(String name) {
    return root().resolve("jars").resolve(name);
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Regular files under {@code dir}, as '/'-separated paths relative to {@code dir}, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip of (name, content) pairs; content entries are STORED (as Spring Boot stores nested jars). */
  static byte[] zip(Object... namesAndContents) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        for (int i = 0; i < namesAndContents.length; i += 2) {
          byte[] content = (byte[]) namesAndContents[i + 1];
          ZipEntry entry = new ZipEntry((String) namesAndContents[i]);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(content.length);
          CRC32 crc = new CRC32();
          crc.update(content);
          entry.setCrc(crc.getValue());
          zip.putNextEntry(entry);
          zip.write(content);
          zip.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] pomProperties(String group, String artifact, String version) {
    return ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes();
  }

  static String pomPath(String group, String artifact) {
    return "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
  }

  static List<String> purls(List<Component> components) {
    return components.stream().map(Component::getPurl).sorted().toList();
  }

  static Component byPurl(List<Component> components, String purl) {
    return components.stream().filter(c -> purl.equals(c.getPurl())).findFirst()
        .orElseThrow(() -> new AssertionError(purl + " not in " + purls(components)));
  }

  static String sha256(Component component) {
    return component.getHashes() == null ? null : component.getHashes().get(0).getValue();
  }

  static String property(Component component, String name) {
    return component.getProperties() == null ? null : component.getProperties().stream()
        .filter(p -> name.equals(p.getName())).map(p -> p.getValue()).findFirst().orElse(null);
  }
}
