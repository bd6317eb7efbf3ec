package dev.countersign.testing.servers.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v2/<name>/tags/list[?n=&last=]}: sorted tags, paged with a {@code Link: <...>; rel="next"} header. */
final class TagsEndpoint {
  private final Store store;

  TagsEndpoint(Store store) {
    this.store = store;
  }

  Reply handle(Call call) {
    if (!call.method.equals("GET") && !call.method.equals("HEAD")) {
      throw Reply.fail(405, "UNSUPPORTED", "method not allowed on tags");
    }
    int n = Integer.MAX_VALUE;
    String nParam = call.param("n");
    if (nParam != null) {
      try {
        n = Integer.parseInt(nParam);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw Reply.fail(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
      }
    }
    String last = call.param("last");
    List<String> page = new ArrayList<>();
    boolean more;
    synchronized (store) {
      Store.Repo repo = store.find(call.name);
      if (repo == null) {
        throw Reply.fail(404, "NAME_UNKNOWN", "repository name not known to registry");
      }
      List<String> rest = new ArrayList<>(last == null ? repo.tags.keySet() : repo.tags.tailMap(last, false).keySet());
      page.addAll(rest.subList(0, Math.min(n, rest.size())));
      more = rest.size() > page.size() && n > 0;
    }
    ObjectNode body = Json.newObject();
    body.put("name", call.name);
    ArrayNode tags = body.putArray("tags");
    page.forEach(tags::add);
    Reply r = Reply.body(200, "application/json", Json.bytes(body));
    if (more) {
      r.header("Link", "</v2/" + call.name + "/tags/list?n=" + n + "&last="
          + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    return r;
  }
}
