package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads Docker's {@code config.json} the way the docker CLI resolves credentials for a registry. */
public final class DockerConfigFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CONFIG_BYTES = 4 << 20;
  /** The key Docker stores Docker Hub credentials under. */
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private DockerConfigFile() {}

  public static Optional<Credentials> lookup(Path file, List<Path> searchPath, Duration timeout, String registry) {
    JsonNode config = read(file);
    if (config == null) {
      return Optional.empty();
    }
    String host = hostOf(registry);
    boolean hub = isDockerHub(host);
    String serverUrl = hub ? DOCKER_HUB_SERVER : registry;
    JsonNode helpers = config.path("credHelpers");
    String helper = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (matches(e.getKey(), host, hub) && e.getValue().isTextual()) {
        helper = e.getValue().asText();
      }
    }
    if (helper == null && config.path("credsStore").isTextual() && !config.path("credsStore").asText().isEmpty()) {
      helper = config.path("credsStore").asText();
    }
    if (helper != null) {
      Optional<Credentials> c = CredentialHelper.get(helper, serverUrl, searchPath, timeout);
      if (c.isPresent()) {
        return c;
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("auths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (matches(e.getKey(), host, hub)) {
        Optional<Credentials> c = fromEntry(e.getValue(), file, e.getKey());
        if (c.isPresent()) {
          return c;
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode read(Path file) {
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new InvalidInputException("docker config " + file + " is larger than 4 MiB");
      }
      try (InputStream in = Files.newInputStream(file)) {
        JsonNode node = JSON.readTree(in);
        if (node == null || !node.isObject()) {
          throw new InvalidInputException("docker config " + file + " is not a JSON object");
        }
        return node;
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException("docker config " + file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read docker config " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Credentials> fromEntry(JsonNode entry, Path file, String key) {
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(auth.trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("docker config " + file + ": 'auth' of " + key + " is not base64");
      }
      char[] chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(decoded)).array();
      Arrays.fill(decoded, (byte) 0);
      try {
        int colon = indexOf(chars, ':');
        if (colon <= 0) {
          throw new InvalidInputException("docker config " + file + ": 'auth' of " + key
              + " is not base64 of user:password");
        }
        int end = chars.length;
        while (end > colon + 1 && chars[end - 1] == '\0') {
          end--;
        }
        char[] password = Arrays.copyOfRange(chars, colon + 1, end);
        try {
          return Optional.of(Credentials.basic(new String(chars, 0, colon), password));
        } finally {
          Arrays.fill(password, '\0');
        }
      } finally {
        Arrays.fill(chars, '\0');
      }
    }
    String user = entry.path("username").asText("");
    String pass = entry.path("password").asText("");
    if (!user.isEmpty() && !pass.isEmpty()) {
      return Optional.of(Credentials.basic(user, pass.toCharArray()));
    }
    String identity = entry.path("identitytoken").asText("");
    if (!identity.isEmpty()) {
      return Optional.of(Credentials.identityToken(identity.toCharArray()));
    }
    String token = entry.path("registrytoken").asText("");
    if (!token.isEmpty()) {
      return Optional.of(Credentials.registryToken(token.toCharArray()));
    }
    return Optional.empty();
  }

  private static int indexOf(char[] chars, char c) {
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The docker CLI's {@code ConvertToHostname}: drops the scheme and any path. */
  static String hostOf(String key) {
    String s = key.trim();
    if (s.startsWith("http://")) {
      s = s.substring(7);
    } else if (s.startsWith("https://")) {
      s = s.substring(8);
    }
    int slash = s.indexOf('/');
    return (slash >= 0 ? s.substring(0, slash) : s).toLowerCase(Locale.ROOT);
  }

  static boolean isDockerHub(String host) {
    return host.equals("index.docker.io") || host.equals("docker.io") || host.equals("registry-1.docker.io");
  }

  private static boolean matches(String key, String host, boolean hub) {
    String k = hostOf(key);
    return k.equals(host) || (hub && isDockerHub(k));
  }
}
