package dev.countersign.pgp.internal.helm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The two YAML sections of a Helm provenance body, split at the {@code ...} line as Helm does: the chart
 * metadata and {@code files:}. Anchors and aliases are refused (no expansion bombs); depth and size are bounded.
 */
public final class ProvenanceBody {
  private static final ObjectMapper YAML;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(32);
    options.setCodePointLimit(ClearSignedReader.MAX_BYTES);
    YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private final JsonNode metadata;
  private final Map<String, String> files;

  private ProvenanceBody(JsonNode metadata, Map<String, String> files) {
    this.metadata = metadata;
    this.files = files;
  }

  public static ProvenanceBody parse(String text) {
    String[] sections = ("\n" + text + "\n").split("\n\\.\\.\\.\n", -1);
    if (sections.length != 2) {
      throw new InvalidInputException("provenance body has " + sections.length + " sections separated by '...'; "
          + "expected 2 (chart metadata, files)");
    }
    JsonNode metadata = yaml(sections[0], "chart metadata");
    if (!metadata.isObject()) {
      throw new InvalidInputException("chart metadata in the provenance body is not a YAML mapping");
    }
    JsonNode filesNode = yaml(sections[1], "files section").get("files");
    if (filesNode == null || !filesNode.isObject() || filesNode.isEmpty()) {
      throw new InvalidInputException("provenance body has no 'files:' mapping of archive names to digests");
    }
    Map<String, String> files = new LinkedHashMap<>();
    var it = filesNode.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException("digest of '" + e.getKey() + "' in 'files:' is not a string");
      }
      files.put(e.getKey(), e.getValue().asText());
    }
    return new ProvenanceBody(metadata, Map.copyOf(files));
  }

  private static JsonNode yaml(String section, String what) {
    try {
      try (JsonParser p = YAML.getFactory().createParser(section)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (p.getObjectId() != null || ((YAMLParser) p).isCurrentAlias()) {
            throw new InvalidInputException(what + " of the provenance body uses YAML anchors or aliases, which "
                + "are not allowed");
          }
        }
      }
      JsonNode node = YAML.readTree(section);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new InvalidInputException(what + " of the provenance body is empty");
      }
      return node;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException(what + " of the provenance body is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  public JsonNode metadata() {
    return metadata.deepCopy();
  }

  public Map<String, String> files() {
    return files;
  }
}
