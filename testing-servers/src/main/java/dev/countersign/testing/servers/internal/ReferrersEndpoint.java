package dev.countersign.testing.servers.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=]}: an OCI image index of the manifests whose
 * {@code subject} is the digest, in push order, with {@code OCI-Filters-Applied: artifactType} when filtered. An
 * unknown subject has an empty index. Without the API configured it answers 404 as distribution 2.8 does.
 */
final class ReferrersEndpoint {
  private final Store store;
  private final RegistryConfig config;

  ReferrersEndpoint(Store store, RegistryConfig config) {
    this.store = store;
    this.config = config;
  }

  Reply handle(Call call, String reference) {
    if (!config.referrersApi()) {
      throw Reply.fail(404, "UNSUPPORTED", "the referrers API is disabled");
    }
    if (!call.method.equals("GET")) {
      throw Reply.fail(405, "UNSUPPORTED", "method not allowed on referrers");
    }
    String subject = Names.digest(reference).toString();
    String artifactType = call.param("artifactType");
    List<Store.StoredManifest> found = new ArrayList<>();
    synchronized (store) {
      Store.Repo repo = store.repos.get(call.name);
      if (repo != null) {
        for (Store.StoredManifest m : repo.manifests.values()) {
          if (subject.equals(m.subject()) && (artifactType == null || artifactType.equals(m.artifactType()))) {
            found.add(m);
          }
        }
      }
    }
    ObjectNode index = Json.newObject();
    index.put("schemaVersion", 2);
    index.put("mediaType", ManifestCheck.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (Store.StoredManifest m : found) {
      ObjectNode d = manifests.addObject();
      d.put("mediaType", m.mediaType());
      d.put("digest", m.digest());
      d.put("size", m.bytes().length);
      if (m.artifactType() != null) {
        d.put("artifactType", m.artifactType());
      }
      if (m.annotations() != null && !m.annotations().isEmpty()) {
        ObjectNode a = d.putObject("annotations");
        m.annotations().forEach(a::put);
      }
    }
    Reply r = Reply.body(200, ManifestCheck.OCI_INDEX, Json.bytes(index));
    if (artifactType != null) {
      r.header("OCI-Filters-Applied", "artifactType");
    }
    return r;
  }
}
