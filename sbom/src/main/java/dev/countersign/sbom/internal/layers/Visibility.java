package dev.countersign.sbom.internal.layers;

import java.util.HashSet;
import java.util.Set;

/**
 * Which paths of a lower layer are still visible, for layers walked top-down (last layer first). Paths only are
 * kept: the entries of upper layers (a path an upper layer holds hides the same path below), whiteouts
 * ({@code .wh.NAME} hides NAME and everything under it), opaque directories ({@code .wh..wh..opq} hides what lower
 * layers put under the directory) and upper non-directories (hiding lower content under that path). A layer's own
 * entries take effect for the layers below it only.
 */
final class Visibility {
  /** Most paths tracked; an image with more entries is refused rather than risking the heap. */
  static final int MAX_PATHS = 4_000_000;

  private final Set<String> claimed = new HashSet<>();
  private final Set<String> hiddenBelow = new HashSet<>();
  private final Set<String> layerClaimed = new HashSet<>();
  private final Set<String> layerHidden = new HashSet<>();

  /** Whether {@code path} in the current layer is visible in the final filesystem. */
  boolean visible(String path) {
    if (claimed.contains(path)) {
      return false;
    }
    for (String p = path; !p.isEmpty(); ) {
      p = EntryPaths.parent(p);
      if (hiddenBelow.contains(p)) {
        return false;
      }
    }
    return true;
  }

  /** Records an entry of the current layer. */
  void entry(String path, boolean directory) {
    layerClaimed.add(path);
    if (!directory) {
      layerHidden.add(path);
    }
    checkSize();
  }

  /** Records a whiteout of {@code path} in the current layer. */
  void whiteout(String path) {
    layerClaimed.add(path);
    layerHidden.add(path);
    checkSize();
  }

  /** Records an opaque directory in the current layer ({@code ""} is the root). */
  void opaque(String directory) {
    layerHidden.add(directory);
  }

  /** Makes the current layer's entries apply to the layers below. */
  void endLayer() {
    claimed.addAll(layerClaimed);
    hiddenBelow.addAll(layerHidden);
    layerClaimed.clear();
    layerHidden.clear();
  }

  private void checkSize() {
    if (claimed.size() + layerClaimed.size() > MAX_PATHS) {
      throw new IllegalStateException("image has more than " + MAX_PATHS + " paths");
    }
  }
}
