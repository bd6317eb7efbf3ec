package dev.countersign.oci.internal.image;

import dev.countersign.core.Digest;
import dev.countersign.oci.internal.manifest.OciJson;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The OCI image config of a built image, written compactly with members in one fixed order: architecture,
 * config (User, Env, Entrypoint, Cmd, WorkingDir, Labels), created, history, os, rootfs.
 */
public final class ConfigJson {
  private ConfigJson() {}

  /** The settings of a config. Lists and maps are in their final order (labels are sorted on output). */
  public static final class Settings {
    public String architecture;
    public String os;
    public String variant;
    public String user;
    public List<String> env;
    public List<String> entrypoint;
    public List<String> cmd;
    public String workingDir;
    public Map<String, String> labels;
    public Instant created;
  }

  /** Config bytes for {@code settings} and the layers' diff_ids. */
  public static byte[] write(Settings s, List<Digest> diffIds) {
    String created = DateTimeFormatter.ISO_INSTANT.format(s.created);
    return OciJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("architecture", s.architecture);
      g.writeObjectFieldStart("config");
      if (s.user != null) {
        g.writeStringField("User", s.user);
      }
      if (!s.env.isEmpty()) {
        g.writeArrayFieldStart("Env");
        for (String e : s.env) {
          g.writeString(e);
        }
        g.writeEndArray();
      }
      if (s.entrypoint != null) {
        g.writeArrayFieldStart("Entrypoint");
        for (String e : s.entrypoint) {
          g.writeString(e);
        }
        g.writeEndArray();
      }
      if (s.cmd != null) {
        g.writeArrayFieldStart("Cmd");
        for (String e : s.cmd) {
          g.writeString(e);
        }
        g.writeEndArray();
      }
      if (s.workingDir != null) {
        g.writeStringField("WorkingDir", s.workingDir);
      }
      if (!s.labels.isEmpty()) {
        g.writeFieldName("Labels");
        OciJson.writeSortedMap(g, s.labels);
      }
      g.writeEndObject();
      g.writeStringField("created", created);
      g.writeArrayFieldStart("history");
      for (int i = 0; i < diffIds.size(); i++) {
        g.writeStartObject();
        g.writeStringField("created", created);
        g.writeStringField("created_by", "countersign ImageBuilder: layer " + (i + 1));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("os", s.os);
      g.writeObjectFieldStart("rootfs");
      g.writeStringField("type", "layers");
      g.writeArrayFieldStart("diff_ids");
      for (Digest d : diffIds) {
        g.writeString(d.toString());
      }
      g.writeEndArray();
      g.writeEndObject();
      if (s.variant != null) {
        g.writeStringField("variant", s.variant);
      }
      g.writeEndObject();
    });
  }
}
