package dev.countersign.pgp.helm;

import dev.countersign.core.InvalidInputException;

/** Checks of archive entry names: relative, forward slashes, no {@code ..} or empty segments, under one directory. */
final class ChartPaths {
  private ChartPaths() {}

  /** Returns the entry's top-level directory, or refuses the name. */
  static String checkEntry(String name, boolean directory) {
    if (name.isEmpty()) {
      throw new InvalidInputException("chart archive has an entry with an empty name");
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new InvalidInputException("chart archive entry '" + name + "' is an absolute path");
    }
    if (name.contains("\\")) {
      throw new InvalidInputException("chart archive entry '" + name + "' contains a backslash");
    }
    if (name.indexOf('\0') >= 0) {
      throw new InvalidInputException("chart archive entry name contains NUL");
    }
    String trimmed = directory && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    String[] parts = trimmed.split("/", -1);
    for (String p : parts) {
      if (p.equals("..")) {
        throw new InvalidInputException("chart archive entry '" + name + "' refers to a parent directory (..)");
      }
      if (p.isEmpty() || p.equals(".")) {
        throw new InvalidInputException("chart archive entry '" + name + "' has an empty or '.' path segment");
      }
    }
    if (parts.length < 2 && !directory) {
      throw new InvalidInputException("chart archive entry '" + name + "' is not inside a top-level directory");
    }
    return parts[0];
  }
}
