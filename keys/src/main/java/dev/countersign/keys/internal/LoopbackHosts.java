package dev.countersign.keys.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which hosts plain {@code http://} may reach: {@code localhost} and loopback IP literals. Host names other than
 * {@code localhost} are never resolved, so DNS cannot turn a remote name into an allowed one.
 */
public final class LoopbackHosts {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]+]?");

  private LoopbackHosts() {}

  /** Whether {@code host} is {@code localhost} or a loopback IP literal. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(h).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
