package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartMetadataBadInputTest {
  private static void refused(String yaml, String messagePart) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ChartMetadata.parse(yaml.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void yamlBombIsRefused() {
    StringBuilder b = new StringBuilder("apiVersion: v2\nname: c\nversion: 1.0.0\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      b.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        b.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      b.append("]\n");
    }
    refused(b.toString(), "aliases");
  }

  @Test
  void scalarAnchorsAreRefusedToo() {
    refused("apiVersion: v2\nname: &n c\nversion: 1.0.0\ndescription: *n\n", "anchors or aliases");
  }

  @Test
  void inputOverOneMebibyteIsRefused() {
    byte[] big = new byte[(1 << 20) + 1];
    java.util.Arrays.fill(big, (byte) '#');
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChartMetadata.parse(big));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'{{{ not yaml'|not valid YAML",
      "'- a\n- b'|not a YAML mapping",
      "'just text'|not a YAML mapping",
      "'name: c\nversion: 1.0.0'|apiVersion is required",
      "'apiVersion: v3\nname: c\nversion: 1.0.0'|must be v1 or v2",
      "'apiVersion: v2\nversion: 1.0.0'|name is required",
      "'apiVersion: v2\nname: c'|version is required",
      "'apiVersion: v2\nname: c\nversion: one'|is invalid",
      "'apiVersion: v2\nname: a/b\nversion: 1.0.0'|path separator",
      "'apiVersion: v2\nname: ..\nversion: 1.0.0'|not allowed",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\ntype: app'|application or library",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\nmaintainers: [null]'|empty or null nodes",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\nsources: one'|expected a list",
      "'apiVersion: v2\nname: [c]\nversion: 1.0.0'|expected string",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\ndeprecated: \"yes\"'|expected bool",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\nname: d'|twice",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies: [{name: a, alias: x.y}]'|alias",
      "'apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies: [{name: a}, {name: a}]'|more than one dependency",
  })
  void invalidChartYamlIsRefusedWithAPreciseMessage(String yaml, String messagePart) {
    refused(yaml.replace("\\n", "\n"), messagePart);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] bad = {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, '\n'};
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ChartMetadata.parse(bad));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }
}
