package dev.countersign.sbom.internal.catalog;

import dev.countersign.sbom.spi.CatalogContext;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads RFC 822-style stanzas (dpkg status files, Debian control data): {@code Field: value} lines, continuation
 * lines starting with a space or tab (ignored: the catalogers need single-line fields only), stanzas separated by
 * blank lines. Over-long lines and lines that are neither a field nor a continuation are warned about with their
 * line number; the stanza keeps its other fields.
 */
final class Stanzas {
  static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int MAX_FIELDS = 256;

  private Stanzas() {}

  /** Calls {@code each} with every non-empty stanza (field names as written). */
  static void read(String path, InputStream in, CatalogContext ctx, Consumer<Map<String, String>> each) {
    BoundedLines lines = new BoundedLines(in, MAX_LINE_BYTES);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (lines.lastLineTooLong()) {
        ctx.warn(path, "line " + lines.lineNumber() + " longer than " + MAX_LINE_BYTES + " bytes skipped");
        continue;
      }
      if (line.isBlank()) {
        if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
          continue;
        }
        emit(fields, each);
        continue;
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).contains(" ")) {
        ctx.warn(path, "line " + lines.lineNumber() + " is not a 'Field: value' line; ignored");
        continue;
      }
      if (fields.size() < MAX_FIELDS) {
        fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    emit(fields, each);
  }

  private static void emit(Map<String, String> fields, Consumer<Map<String, String>> each) {
    if (!fields.isEmpty()) {
      each.accept(new LinkedHashMap<>(fields));
      fields.clear();
    }
  }
}
