package dev.countersign.oci.internal.registry;

import okhttp3.HttpUrl;
import okhttp3.Response;

/** The {@code rel="next"} target of RFC 8288 {@code Link} headers, resolved against the request URL. */
final class LinkHeader {
  private LinkHeader() {}

  static HttpUrl next(Response resp, HttpUrl base) {
    for (String header : resp.headers("Link")) {
      for (String link : header.split(",(?=\\s*<)")) {
        int lt = link.indexOf('<');
        int gt = link.indexOf('>', lt + 1);
        if (lt < 0 || gt < 0) {
          continue;
        }
        String params = link.substring(gt + 1).replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
          HttpUrl next = base.resolve(link.substring(lt + 1, gt).trim());
          if (next == null || !next.host().equalsIgnoreCase(base.host()) || next.port() != base.port()
              || !next.scheme().equals(base.scheme())) {
            throw new dev.countersign.core.InvalidInputException("registry sent a next-page link to another host");
          }
          return next;
        }
      }
    }
    return null;
  }
}
