package dev.countersign.sbom.internal.lang;

import dev.countersign.sbom.spi.Cataloger;
import java.util.List;

/** Fresh instances of the language-package catalogers, in the order they are listed in the BOM. */
public final class LanguageCatalogers {
  private LanguageCatalogers() {}

  /** Java archives, npm, Python. */
  public static List<Cataloger> create() {
    return List.of(new JavaArchiveCataloger(), new NpmCataloger(), new PythonCataloger());
  }
}
