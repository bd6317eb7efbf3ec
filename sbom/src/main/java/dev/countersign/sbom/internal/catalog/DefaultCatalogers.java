package dev.countersign.sbom.internal.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogers a generation runs unless told otherwise: operating-system packages, then language packages.
 * Each call returns fresh instances (a cataloger keeps state for one generation).
 */
public final class DefaultCatalogers {
  private DefaultCatalogers() {}

  /** Fresh instances of every default cataloger. */
  public static List<Cataloger> create() {
    List<Cataloger> all = new ArrayList<>(operatingSystem());
    all.addAll(language());
    return all;
  }

  /** Operating-system package databases (dpkg, apk) and the distribution itself. */
  static List<Cataloger> operatingSystem() {
    List<Cataloger> list = new ArrayList<>();
    return list;
  }

  /** Language ecosystems found in the filesystem (Java archives, npm, Python). */
  static List<Cataloger> language() {
    List<Cataloger> list = new ArrayList<>();
    return list;
  }
}
