package dev.countersign.sbom.internal.layers;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks an image's layers top-down (last layer first) as streams, applying whiteouts, and sends every visible
 * wanted regular file to a {@link FileSink}. Hard links to a wanted path are resolved against their target in the
 * same layer with one more pass over that layer (only when such links exist). Every layer blob is read to its end
 * so its digest is verified; a layer that cannot be read fails the walk with the layer and entry named.
 */
public final class LayerWalker {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final Repository repository;
  private final FileSink sink;
  private final Visibility visibility = new Visibility();

  public LayerWalker(Repository repository, FileSink sink) {
    this.repository = repository;
    this.sink = sink;
  }

  /** Walks {@code layers}, given in manifest order (base first). */
  public void walk(List<Descriptor> layers) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Descriptor layer = layers.get(i);
      if (layer.mediaType().contains("nondistributable") || layer.mediaType().contains("foreign")) {
        sink.warn(layerName(i, layer), "non-distributable layer not read");
        continue;
      }
      Map<String, String> links = walkLayer(i, layer);
      if (!links.isEmpty()) {
        resolveHardLinks(i, layer, links);
      }
      visibility.endLayer();
    }
  }

  private Map<String, String> walkLayer(int index, Descriptor layer) {
    Map<String, String> pendingLinks = new HashMap<>();
    Map<String, Boolean> layerFiles = new HashMap<>();
    String where = layerName(index, layer);
    String current = null;
    try (InputStream blob = repository.openBlob(layer)) {
      InputStream tarStream = LayerStreams.tar(layer.mediaType(), blob);
      TarReader tar = new TarReader(tarStream);
      for (TarEntry e = tar.next(); e != null; e = tar.next()) {
        current = e.name();
        String path = EntryPaths.normalise(e.name());
        if (path == null) {
          sink.warn(where, "entry refused, its name has a '..' segment: " + e.name());
          continue;
        }
        if (path.isEmpty()) {
          continue;
        }
        String base = EntryPaths.baseName(path);
        if (base.equals(OPAQUE)) {
          visibility.opaque(EntryPaths.parent(path));
          continue;
        }
        if (base.startsWith(WHITEOUT)) {
          visibility.whiteout(EntryPaths.join(EntryPaths.parent(path), base.substring(WHITEOUT.length())));
          continue;
        }
        boolean visible = visibility.visible(path);
        visibility.entry(path, e.isDirectory());
        if (e.isRegularFile()) {
          layerFiles.put(path, Boolean.TRUE);
          if (visible && sink.wants(path)) {
            sink.file(path, e.size(), tar.content());
          }
        } else if (e.isHardLink()) {
          hardLink(where, path, e.linkName(), visible, layerFiles, pendingLinks);
        } else if (e.isSymlink() && visible && sink.wants(path)) {
          sink.symlink(path, e.linkName());
        }
      }
      LayerStreams.drain(tarStream);
      LayerStreams.drain(blob);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException(failure(where, current, e), e);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(failure(where, current, e), e);
    }
    return pendingLinks;
  }

  private void hardLink(String where, String path, String linkName, boolean visible, Map<String, Boolean> layerFiles,
      Map<String, String> pendingLinks) {
    if (!visible || !sink.wants(path)) {
      return;
    }
    String target = EntryPaths.normalise(linkName);
    if (target == null || target.isEmpty()) {
      sink.warn(path, "hard link refused, its target has a '..' segment: " + linkName);
    } else if (!layerFiles.containsKey(target)) {
      sink.warn(path, "hard link target is not a file earlier in the same layer: " + linkName);
    } else {
      pendingLinks.put(target, path);
    }
  }

  /** A second pass over one layer: each hard-link target's content is offered under the link's path. */
  private void resolveHardLinks(int index, Descriptor layer, Map<String, String> links) {
    String where = layerName(index, layer);
    try (InputStream blob = repository.openBlob(layer)) {
      TarReader tar = new TarReader(LayerStreams.tar(layer.mediaType(), blob));
      for (TarEntry e = tar.next(); e != null && !links.isEmpty(); e = tar.next()) {
        String path = EntryPaths.normalise(e.name());
        if (path != null && e.isRegularFile() && links.containsKey(path)) {
          sink.file(links.remove(path), e.size(), tar.content());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(failure(where, null, e), e);
    }
  }

  private static String failure(String where, String entry, Exception e) {
    return "cannot read " + where + (entry == null ? "" : " (at entry " + entry + ")") + ": " + e.getMessage();
  }

  static String layerName(int index, Descriptor layer) {
    return "layer " + index + " " + layer.digest();
  }
}
