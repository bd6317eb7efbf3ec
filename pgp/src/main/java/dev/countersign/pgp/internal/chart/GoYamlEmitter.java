package dev.countersign.pgp.internal.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes a JSON tree as {@code sigs.k8s.io/yaml.Marshal} does: go-yaml v2 ({@code encode.go} and libyaml's
 * {@code emitterc.go}, ported state for state) with keys in go-yaml's order, block style, indent 2, width 80,
 * sequences in a mapping not indented, plain scalars folded after column 80, quoting only where go-yaml quotes.
 */
public final class GoYamlEmitter {
  static final int BEST_WIDTH = 80;
  static final int BEST_INDENT = 2;

  final StringBuilder out = new StringBuilder();
  int column;
  int indent = -1;
  final Deque<Integer> indents = new ArrayDeque<>();
  boolean whitespace = true;
  boolean indention = true;
  boolean openEnded;
  boolean rootContext;
  boolean sequenceContext;
  boolean mappingContext;
  boolean simpleKeyContext;

  private GoYamlEmitter() {}

  /** The YAML document for {@code root}, ending with a newline. */
  public static String marshal(JsonNode root) {
    GoYamlEmitter e = new GoYamlEmitter();
    e.node(root, true, false, false, false);
    e.writeIndent();
    if (e.openEnded) {
      e.writeIndicator("...", true, false, false);
      e.writeIndent();
    }
    return e.out.toString();
  }

  private void node(JsonNode n, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
    rootContext = root;
    sequenceContext = sequence;
    mappingContext = mapping;
    simpleKeyContext = simpleKey;
    if (n.isObject()) {
      if (n.isEmpty()) {
        emptyFlow("{", "}");
      } else {
        blockMapping(n);
      }
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        emptyFlow("[", "]");
      } else {
        blockSequence(n);
      }
    } else {
      scalar(n);
    }
  }

  private void emptyFlow(String open, String close) {
    writeIndicator(open, true, true, false);
    increaseIndent(true, false);
    popIndent();
    writeIndicator(close, false, false, false);
  }

  private void blockSequence(JsonNode n) {
    increaseIndent(false, mappingContext && !indention);
    for (JsonNode item : n) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, true, false, false);
    }
    popIndent();
  }

  private void blockMapping(JsonNode n) {
    increaseIndent(false, false);
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    keys.sort(GoKeyOrder.INSTANCE);
    for (String key : keys) {
      writeIndent();
      GoScalar k = GoScalar.ofString(key);
      if (!k.multiline() && k.utf8Length() <= 128) {
        scalar(k, false, false, true, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        scalar(k, false, false, true, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(n.get(key), false, false, true, false);
    }
    popIndent();
  }

  private void scalar(JsonNode n) {
    scalar(GoScalar.of(n), rootContext, sequenceContext, mappingContext, simpleKeyContext);
  }

  private void scalar(GoScalar s, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
    rootContext = root;
    sequenceContext = sequence;
    mappingContext = mapping;
    simpleKeyContext = simpleKey;
    GoScalar.Style style = s.select(simpleKey);
    increaseIndent(true, false);
    GoScalarWriter.write(this, s.value(), style, !simpleKey);
    popIndent();
  }

  void increaseIndent(boolean flow, boolean indentless) {
    indents.push(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  private void popIndent() {
    indent = indents.pop();
  }

  void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    out.append(indicator);
    column += indicator.codePointCount(0, indicator.length());
    whitespace = isWhitespace;
    indention = indention && isIndention;
    openEnded = false;
  }

  void put(char c) {
    out.append(c);
    column++;
  }

  void putBreak() {
    out.append('\n');
    column = 0;
  }

  /** Copies one code point (go-yaml's {@code write}). */
  void write(int cp) {
    out.appendCodePoint(cp);
    column++;
  }
}
