package org.alertcluster.examples.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON, on Jackson's streaming {@code jackson-core} ({@link JsonParser},
 * {@link JsonGenerator}) and no data binding, and the strict field readers whose messages clients can
 * act on.
 *
 * <p>Shapes: a request body is read into plain values, the same ones a response is written from:
 * an object is a {@code Map<String, Object>} (field order kept; a repeated field keeps its last
 * value, as before), an array a {@code List<Object>}, a string a {@link String}, a number a
 * {@link Number}, {@code true}/{@code false} a {@link Boolean}, {@code null} a Java {@code null}
 * (so an object holding {@code "f": null} {@linkplain Map#containsKey contains} {@code f}). The
 * codecs of each API type ({@link SilenceJson}, {@link AlertJson}) and the endpoints build and read
 * these; {@link #write} also takes an {@link Instant} (RFC 3339, as {@link Instant#toString()}).
 *
 * <p>Why not data binding: Jackson's {@code ObjectMapper} loads about 400 classes of its own plus
 * reflection and method-handle classes, a few MB resident in every replica, for bodies that have
 * eight fields. Threads: everything here is stateless (the factory is thread-safe).
 */
final class Json {

  /**
   * Thread-safe. Nesting is capped at 64 (the API's bodies nest 3 deep) since {@link #read} recurses;
   * the body size is capped before by {@link ApiServer#MAX_BODY_BYTES}.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

  private Json() {}

  /**
   * Reads one JSON value, which must be the whole input.
   *
   * @param body UTF-8 JSON
   * @return the value (see the class documentation for the shapes)
   * @throws BadRequestException "request body is not valid JSON: ..." with the parser's reason
   */
  static Object read(byte[] body) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() == null) {
        throw new BadRequestException("request body is not valid JSON: no content");
      }
      // Anything after the first value is not read, as Alertmanager's decoder (and data binding's
      // readTree) leave it.
      return value(p);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
  }

  private static String location(JsonParser p) {
    return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
  }

  /** The value starting at the parser's current token. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new BadRequestException("request body is not valid JSON: unexpected " + t + " at " + location(p));
    }
  }

  /**
   * Writes a value built of maps, lists, strings, numbers, booleans, instants and nulls.
   *
   * @param value the value
   * @return UTF-8 JSON
   * @throws IllegalArgumentException for any other type (a programming error)
   */
  static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a byte array cannot fail", e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code value} (see {@link #write(Object)}) to {@code g}.
   *
   * @param g the generator
   * @param value the value
   * @throws IOException from the generator
   */
  static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (value instanceof Instant t) {
      g.writeString(t.toString());
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  /**
   * An object, or the "must be an object" error.
   *
   * @param v a value read by {@link #read}
   * @param what how the message names it, e.g. {@code "body must be a silence object"}
   * @return the object
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v, String what) {
    if (!(v instanceof Map)) {
      throw new BadRequestException(what);
    }
    return (Map<String, Object>) v;
  }

  static String text(Map<String, Object> obj, String field, boolean required) {
    Object v = obj.get(field);
    if (v == null) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadRequestException(field + " in body must be of type string");
    }
    return s;
  }

  /** Go's zero {@code time.Time}, which Go clients (amtool, Prometheus) send for "not set". */
  static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * An RFC 3339 time; absent, null, empty or Go's zero time give null (or the "required" error).
   */
  static Instant time(Map<String, Object> obj, String field, boolean required) {
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

  static boolean bool(Map<String, Object> obj, String field, boolean dflt) {
    Object v = obj.get(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw new BadRequestException(field + " in body must be of type boolean");
    }
    return b;
  }

  static Map<String, String> stringMap(Map<String, Object> obj, String field, boolean required) {
    Object v = obj.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      if (required) {
        throw new BadRequestException(field + " in body is required");
      }
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new BadRequestException(field + " in body must be an object of strings");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new BadRequestException(field + "." + e.getKey() + " in body must be of type string");
      }
      out.put((String) e.getKey(), s);
    }
    return out;
  }
}
