package dev.countersign.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test statements from src/test/resources/statements. */
final class Statements {
  static final ObjectMapper JSON = new ObjectMapper();

  private Statements() {}

  static byte[] bytes(String name) {
    try (InputStream in = Statements.class.getResourceAsStream("/statements/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test statement " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(String name) {
    try {
      return (ObjectNode) JSON.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
