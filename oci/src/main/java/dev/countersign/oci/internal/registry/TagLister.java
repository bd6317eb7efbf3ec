package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** {@code GET /v2/<name>/tags/list[?n=]}, following {@code Link: <...>; rel="next"} pages. */
final class TagLister {
  private static final int MAX_PAGE_BYTES = 4 << 20;
  private static final int MAX_PAGES = 100_000;

  private TagLister() {}

  static List<String> list(RegistryRepositoryImpl repo, int pageSize) {
    if (pageSize < 0) {
      throw new InvalidInputException("tag page size must be >= 0, got " + pageSize);
    }
    HttpUrl url = repo.url("tags", "list");
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    List<String> tags = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    while (url != null) {
      if (!seen.add(url) || seen.size() > MAX_PAGES) {
        throw new InvalidInputException("tag list of " + repo.name() + " pages in a loop");
      }
      RegistryRequest r = repo.request("GET", url, null, false);
      try (Response resp = repo.http().send(r)) {
        if (resp.code() == 404 && tags.isEmpty()) {
          return List.of();
        }
        if (resp.code() != 200) {
          throw Bodies.error(resp, r.describe(r.url));
        }
        String what = "tag list of " + repo.name();
        JsonNode json = Bodies.json(Bodies.read(resp, MAX_PAGE_BYTES, what), what);
        JsonNode page = json.path("tags");
        if (!page.isNull() && !page.isMissingNode()) {
          if (!page.isArray()) {
            throw new InvalidInputException(what + ": tags is not an array");
          }
          for (JsonNode t : page) {
            if (!t.isTextual()) {
              throw new InvalidInputException(what + ": a tag is not a string");
            }
            tags.add(t.asText());
          }
        }
        url = LinkHeader.next(resp, url);
      }
    }
    tags.sort(null);
    return tags;
  }
}
