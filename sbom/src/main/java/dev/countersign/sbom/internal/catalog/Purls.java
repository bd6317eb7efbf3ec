package dev.countersign.sbom.internal.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Package URLs in canonical form: names and versions percent-encoded (all but {@code A-Za-z0-9.-_~}), qualifiers
 * sorted by key, empty values left out, e.g. {@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12}.
 */
public final class Purls {
  private Purls() {}

  /** {@code pkg:TYPE/NAMESPACE/NAME@VERSION?QUALIFIERS}; namespace and version may be null. */
  public static String of(String type, String namespace, String name, String version,
      Map<String, String> qualifiers) {
    StringBuilder sb = new StringBuilder("pkg:").append(type).append('/');
    if (namespace != null && !namespace.isEmpty()) {
      for (String seg : namespace.split("/")) {
        sb.append(encode(seg)).append('/');
      }
    }
    sb.append(encode(name));
    if (version != null && !version.isEmpty()) {
      sb.append('@').append(encode(version));
    }
    char sep = '?';
    for (Map.Entry<String, String> q : new TreeMap<>(qualifiers).entrySet()) {
      if (q.getValue() != null && !q.getValue().isEmpty()) {
        sb.append(sep).append(q.getKey()).append('=').append(encode(q.getValue()));
        sep = '&';
      }
    }
    return sb.toString();
  }

  /** Percent-encodes UTF-8 bytes outside {@code A-Za-z0-9.-_~}. */
  public static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
