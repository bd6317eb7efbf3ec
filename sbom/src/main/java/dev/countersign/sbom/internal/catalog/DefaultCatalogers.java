package dev.countersign.sbom.internal.catalog;

import dev.countersign.sbom.spi.Cataloger;
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

  /** Operating-system package databases (dpkg, apk); the distribution's own cataloger (os-release) always runs
   * first and is added by the generator. */
  static List<Cataloger> operatingSystem() {
    List<Cataloger> list = new ArrayList<>();
    list.add(new DpkgCataloger());
    list.add(new ApkCataloger());
    return list;
  }

  /** Language ecosystems found in the filesystem (Java archives, npm, Python). */
  static List<Cataloger> language() {
    List<Cataloger> list = new ArrayList<>();
    list.addAll(dev.countersign.sbom.internal.lang.LanguageCatalogers.create());
    return list;
  }
}
