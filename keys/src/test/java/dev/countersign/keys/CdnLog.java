package dev.countersign.keys;

import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.file.Path;
import java.util.List;

/** The keys tests' CDN: a {@link TestKeyServer} on a published directory under /keys/, and its log by file name. */
final class CdnLog {
  private static final String BASE = "/keys/";

  private CdnLog() {}

  /** Serves {@code site} under /keys/ without ETags (tests turn them on) and without Cache-Control. */
  static TestKeyServer serve(Path site) {
    return TestKeyServer.builder().directory(site).basePath(BASE).etags(false).build().start();
  }

  /** The file names requested so far, in order. */
  static List<String> names(TestKeyServer cdn) {
    return cdn.requests().stream().map(CdnLog::name).toList();
  }

  /** The file names requested with If-None-Match, in order. */
  static List<String> conditional(TestKeyServer cdn) {
    return cdn.requests().stream().filter(r -> r.header("If-None-Match").isPresent()).map(CdnLog::name).toList();
  }

  private static String name(RecordedRequest r) {
    return r.path().startsWith(BASE) ? r.path().substring(BASE.length()) : r.path();
  }
}
