package dev.countersign.oci.internal.registry;

import java.util.Locale;
import java.util.Set;

/** Which registry hosts may be reached over plain HTTP: loopback hosts and those the caller lists as insecure. */
final class Hosts {
  private Hosts() {}

  /** The host of {@code host[:port]} or {@code [v6]:port}, lower case, without brackets or port. */
  static String hostname(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    if (r.startsWith("[")) {
      int end = r.indexOf(']');
      return end > 0 ? r.substring(1, end) : r;
    }
    int colon = r.indexOf(':');
    return colon >= 0 ? r.substring(0, colon) : r;
  }

  /** localhost, 127.0.0.0/8 and ::1. */
  static boolean isLoopback(String registry) {
    String h = hostname(registry);
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] octets = h.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit) || Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Whether plain HTTP is allowed for {@code registry}: loopback, or listed (by host:port or by host). */
  static boolean plainHttpAllowed(String registry, Set<String> insecure) {
    String r = registry.toLowerCase(Locale.ROOT);
    return isLoopback(r) || insecure.contains(r) || insecure.contains(hostname(r));
  }

  /** {@code host[:port]} of a URL authority, as registries are named. */
  static String authority(okhttp3.HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == okhttp3.HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }
}
