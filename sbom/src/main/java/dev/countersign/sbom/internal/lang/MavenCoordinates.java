package dev.countersign.sbom.internal.lang;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

/** groupId, artifactId, version from a {@code META-INF/maven/<group>/<artifact>/pom.properties}. */
record MavenCoordinates(String groupId, String artifactId, String version) {

  /** Whether {@code entryName} is a pom.properties at its standard place. */
  static boolean isPomProperties(String entryName) {
    if (!entryName.startsWith("META-INF/maven/") || !entryName.endsWith("/pom.properties")) {
      return false;
    }
    return entryName.split("/", -1).length == 5;
  }

  /** Parses pom.properties bytes; empty when a coordinate is missing or blank. */
  static Optional<MavenCoordinates> parse(byte[] bytes) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(bytes));
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed pom.properties: " + e.getMessage(), e);
    }
    String group = value(properties, "groupId");
    String artifact = value(properties, "artifactId");
    String version = value(properties, "version");
    if (group == null || artifact == null || version == null) {
      return Optional.empty();
    }
    return Optional.of(new MavenCoordinates(group, artifact, version));
  }

  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
