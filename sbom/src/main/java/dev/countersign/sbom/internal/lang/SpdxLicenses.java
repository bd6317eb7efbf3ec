package dev.countersign.sbom.internal.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;

/**
 * Turns a declared license string into a CycloneDX license choice: an SPDX id when the string is one of the ids
 * the CycloneDX schema enumerates (the {@code spdx.schema.json} shipped in cyclonedx-core-java, so the BOM stays
 * schema-valid), an SPDX expression when every token is such an id or an operator, otherwise a free-text name.
 */
final class SpdxLicenses {
  private static final int MAX_NAME = 256;
  private static final Map<String, String> IDS = load();

  private SpdxLicenses() {}

  /** The license choice for {@code declared}, empty when blank or "UNKNOWN". */
  static Optional<LicenseChoice> choice(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    String text = declared.strip();
    if (text.isEmpty() || text.equalsIgnoreCase("UNKNOWN") || text.equalsIgnoreCase("UNLICENSED")) {
      return Optional.empty();
    }
    LicenseChoice choice = new LicenseChoice();
    String id = IDS.get(text.toLowerCase(Locale.ROOT));
    if (id != null) {
      License license = new License();
      license.setId(id);
      choice.addLicense(license);
    } else if (isExpression(text)) {
      choice.setExpression(new Expression(text));
    } else {
      License license = new License();
      license.setName(text.length() > MAX_NAME ? text.substring(0, MAX_NAME) : text);
      choice.addLicense(license);
    }
    return Optional.of(choice);
  }

  /** Whether {@code id} is an SPDX license id the CycloneDX schema accepts (exact case). */
  static boolean isKnownId(String id) {
    return id != null && id.equals(IDS.get(id.toLowerCase(Locale.ROOT)));
  }

  private static boolean isExpression(String text) {
    String[] tokens = text.replace("(", " ").replace(")", " ").trim().split("\\s+");
    boolean sawOperator = false;
    for (String token : tokens) {
      if (token.equals("OR") || token.equals("AND") || token.equals("WITH")) {
        sawOperator = true;
      } else if (!isKnownId(token.endsWith("+") ? token.substring(0, token.length() - 1) : token)
          && !token.startsWith("LicenseRef-")) {
        return false;
      }
    }
    return sawOperator;
  }

  private static Map<String, String> load() {
    try (InputStream in = SpdxLicenses.class.getResourceAsStream("/spdx.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("spdx.schema.json missing from cyclonedx-core-java");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, String> ids = new HashMap<>();
      for (JsonNode node : root.path("enum")) {
        ids.put(node.asText().toLowerCase(Locale.ROOT), node.asText());
      }
      return Map.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spdx.schema.json", e);
    }
  }
}
