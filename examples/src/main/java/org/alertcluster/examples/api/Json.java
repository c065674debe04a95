package org.alertcluster.examples.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON helpers for the API: one shared mapper, strict readers with messages clients can act on. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String text(JsonNode obj, String field, boolean required) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRequestException(field + " in body must be of type string");
    }
    return v.asText();
  }

  /** Go's zero {@code time.Time}, which Go clients (amtool, Prometheus) send for "not set". */
  static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * An RFC 3339 time; absent, null, empty or Go's zero time give null (or the "required" error).
   */
  static Instant time(JsonNode obj, String field, boolean required) {
    String s = text(obj, field, required);
    if (s == null || s.isEmpty()) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return null;
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field + " in body must be of type date-time: \"" + s + "\"");
    }
    if (t.equals(GO_ZERO_TIME)) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return null;
    }
    return t;
  }

  static boolean bool(JsonNode obj, String field, boolean dflt) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new BadRequestException(field + " in body must be of type boolean");
    }
    return v.asBoolean();
  }

  static Map<String, String> stringMap(JsonNode obj, String field, boolean required) {
    JsonNode v = obj.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return out;
    }
    if (!v.isObject()) {
      throw new BadRequestException(field + " in body must be an object of strings");
    }
    var it = v.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw new BadRequestException(field + "." + e.getKey() + " in body must be of type string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
