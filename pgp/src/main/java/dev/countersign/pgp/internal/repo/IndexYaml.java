package dev.countersign.pgp.internal.repo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML (and JSON) dialect of repository {@code index.yaml} files. Reading: at most {@link #MAX_BYTES}, no
 * anchors or aliases (no expansion bombs), no duplicate keys, bounded nesting; a document starting with
 * <code>{</code> is read as strict JSON first, as Helm does. Writing: block style, no document marker, no line
 * folding, and every string quoted that a YAML 1.1 reader (go-yaml v2, PyYAML) would otherwise take for a number,
 * boolean, null or timestamp.
 */
public final class IndexYaml {
  /** The largest index read: 64 MiB. */
  public static final int MAX_BYTES = 64 << 20;

  private static final ObjectMapper READER;
  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final ObjectMapper WRITER;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(MAX_BYTES);
    READER = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    WRITER = new ObjectMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .stringQuotingChecker(new Yaml11Quoting())
        .build());
  }

  private IndexYaml() {}

  /** Parses an index document into a JSON tree; {@code source} names it in messages. */
  public static JsonNode parse(byte[] data, String source) {
    if (data.length > MAX_BYTES) {
      throw new InvalidInputException(source + " is larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    if (data.length == 0 || new String(data, 0, Math.min(data.length, 4096),
        java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new InvalidInputException(source + " is empty");
    }
    if (firstNonBlank(data) == '{') {
      try {
        return JSON.readTree(data);
      } catch (IOException notJson) {
        // Helm falls back to YAML too (YAML flow style is a superset of JSON)
      }
    }
    try {
      try (JsonParser p = READER.getFactory().createParser(data)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (p.getObjectId() != null || ((YAMLParser) p).isCurrentAlias()) {
            throw new InvalidInputException(source + " uses YAML anchors or aliases, which are not allowed");
          }
        }
      }
      return READER.readTree(data);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InvalidInputException(source + " is not valid YAML: " + msg.lines().findFirst().orElse(""), e);
    }
  }

  private static int firstNonBlank(byte[] data) {
    for (byte b : data) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b;
      }
    }
    return -1;
  }

  /** Writes {@code root} as YAML (UTF-8, LF line endings). */
  public static byte[] write(ObjectNode root) {
    try {
      return WRITER.writeValueAsString(root).replace("\r\n", "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quotes what YAML 1.1 would not read back as the same string. */
  private static final class Yaml11Quoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteName(String name) {
      return StringQuotingChecker.Default.instance().needToQuoteName(name) || needToQuoteValue(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      if (value.isEmpty() || StringQuotingChecker.Default.instance().needToQuoteValue(value)) {
        return true;
      }
      char c = value.charAt(0);
      return Character.isDigit(c) || c == '+' || c == '-' || c == '.' || c == '~' || c == '=' || c == '<'
          || value.length() <= 5 && value.matches("(?i)y|n|yes|no|on|off|true|false|null");
    }
  }
}
