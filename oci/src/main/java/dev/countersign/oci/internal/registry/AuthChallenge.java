package dev.countersign.oci.internal.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed {@code WWW-Authenticate} challenge: {@code Basic realm=...} or {@code Bearer realm=,service=,scope=}. */
record AuthChallenge(String scheme, Map<String, String> params) {
  static final String BASIC = "basic";
  static final String BEARER = "bearer";

  boolean isBearer() {
    return BEARER.equals(scheme);
  }

  String realm() {
    return params.get("realm");
  }

  String service() {
    return params.get("service");
  }

  /** Space-separated scopes the registry asked for, or null. */
  String scope() {
    return params.get("scope");
  }

  /** The Bearer challenge among the headers if any, else the Basic one, else null. */
  static AuthChallenge select(List<String> headers) {
    AuthChallenge basic = null;
    for (String h : headers) {
      AuthChallenge c = parse(h);
      if (c == null) {
        continue;
      }
      if (c.isBearer() && c.realm() != null) {
        return c;
      }
      if (BASIC.equals(c.scheme())) {
        basic = c;
      }
    }
    return basic;
  }

  /** Parses one challenge; quoted values may contain commas and escaped quotes. Null when unparseable. */
  static AuthChallenge parse(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    int sp = h.indexOf(' ');
    String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
    if (!scheme.equals(BASIC) && !scheme.equals(BEARER)) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    int i = sp < 0 ? h.length() : sp + 1;
    while (i < h.length()) {
      while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
        i++;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < h.length() && h.charAt(i) == '"') {
        i++;
        while (i < h.length() && h.charAt(i) != '"') {
          if (h.charAt(i) == '\\' && i + 1 < h.length()) {
            i++;
          }
          value.append(h.charAt(i++));
        }
        i++;
      } else {
        while (i < h.length() && h.charAt(i) != ',') {
          value.append(h.charAt(i++));
        }
      }
      params.putIfAbsent(key, value.toString().trim());
    }
    return new AuthChallenge(scheme, Map.copyOf(params));
  }
}
