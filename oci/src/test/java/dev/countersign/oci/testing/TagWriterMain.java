package dev.countersign.oci.testing;

import dev.countersign.oci.OciLayout;
import java.nio.file.Path;

/** Child process for the cross-process lock test: {@code TagWriterMain DIR PREFIX COUNT} writes COUNT tagged images. */
public final class TagWriterMain {
  private TagWriterMain() {}

  public static void main(String[] args) {
    OciLayout layout = OciLayout.open(Path.of(args[0]));
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      LayoutFixtures.image(layout, args[1] + i, args[1] + i);
    }
  }
}
