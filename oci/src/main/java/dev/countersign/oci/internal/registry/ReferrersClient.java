package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=]} with {@code Link} pagination; a 404 means the registry
 * lacks the API and the {@code sha256-<hex>} tag schema is read instead, for this and (remembered per registry for
 * the client's lifetime) every later subject.
 */
final class ReferrersClient {
  private static final int MAX_PAGE_BYTES = 4 << 20;
  private static final int MAX_PAGES = 10_000;
  private final RegistryRepositoryImpl repo;

  ReferrersClient(RegistryRepositoryImpl repo) {
    this.repo = repo;
  }

  List<Descriptor> list(Digest subject, String artifactType) {
    if (repo.http().lacksReferrersApi(repo.registry())) {
      return ReferrersFallback.list(repo, subject, artifactType);
    }
    HttpUrl url = repo.url("referrers", subject.toString());
    if (artifactType != null) {
      url = url.newBuilder().addQueryParameter("artifactType", artifactType).build();
    }
    List<Descriptor> out = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    boolean first = true;
    while (url != null) {
      if (!seen.add(url) || seen.size() > MAX_PAGES) {
        throw new dev.countersign.core.InvalidInputException("referrers of " + subject + " page in a loop");
      }
      RegistryRequest r = repo.request("GET", url, null, false).header("Accept", MediaTypes.OCI_INDEX);
      try (Response resp = repo.http().send(r)) {
        if (resp.code() == 404 && first) {
          // OCI 1.1: a registry with the API never answers 404 (an unknown subject gets an empty index)
          resp.close();
          repo.http().rememberNoReferrersApi(repo.registry());
          return ReferrersFallback.list(repo, subject, artifactType);
        }
        if (resp.code() != 200) {
          throw Bodies.error(resp, r.describe(r.url));
        }
        String what = "referrers of " + subject + " in " + repo.name();
        for (Descriptor d : ReferrersFallback.entries(Bodies.read(resp, MAX_PAGE_BYTES, what), what)) {
          // filter here too: a registry may ignore artifactType (it then omits OCI-Filters-Applied)
          if (artifactType == null || artifactType.equals(d.artifactType().orElse(null))) {
            out.add(d);
          }
        }
        url = LinkHeader.next(resp, url);
        first = false;
      }
    }
    return out;
  }
}
