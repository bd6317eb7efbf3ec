package dev.countersign.testing.servers.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK HTTP server every test server runs on: bound to 127.0.0.1 on an ephemeral port, with TCP_NODELAY. The JDK
 * server writes a response's head and body separately; with Nagle's algorithm on, the body waits for the client's
 * delayed ACK (about 40 ms a request on Linux loopback). The switch is a system property the JDK reads once, when
 * its server configuration class loads, so it is set here before the first server is created (unless the user set
 * it).
 */
public final class LoopbackHttp {
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  private LoopbackHttp() {}

  /** A server on 127.0.0.1, ephemeral port, not yet started. */
  public static HttpServer create(int backlog) throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
  }
}
