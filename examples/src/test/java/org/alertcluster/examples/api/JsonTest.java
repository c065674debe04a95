package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's streaming JSON codec: the values it reads and writes, and the 400s bad bodies get. */
class JsonTest {

  private static Object read(String json) {
    return Json.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String write(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }

  @Test
  void readsObjectsArraysAndScalarsKeepingFieldOrderAndExplicitNulls() {
    Object v = read("{\"b\":[1,2.5,\"x\",true,false,null],\"a\":{\"n\":null},\"é\":\"\\u00e9\"}");
    assertThat(v).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m.keySet()).containsExactly("b", "a", "é");
    assertThat(m.get("b")).isEqualTo(Arrays.asList(1, 2.5, "x", true, false, null));
    assertThat(m.get("a")).isEqualTo(Collections.singletonMap("n", null));
    assertThat(m.get("é")).isEqualTo("é");
  }

  @Test
  void writesWhatItReadsAndInstantsAsRfc3339() {
    String json = "{\"id\":\"x\",\"n\":[1,-2,3.5],\"ok\":true,\"none\":null,\"m\":{}}";
    assertThat(write(read(json))).isEqualTo(json);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", Instant.parse("2026-11-30T17:00:00.123Z"));
    m.put("quote", "a\"b\n");
    assertThat(write(m)).isEqualTo("{\"at\":\"2026-11-30T17:00:00.123Z\",\"quote\":\"a\\\"b\\n\"}");
    assertThat(write("error text")).isEqualTo("\"error text\"");
  }

  @Test
  void malformedBodiesAreBadRequestsWithTheParsersReason() {
    assertThatThrownBy(() -> read("{\"matchers\": ["))
        .isInstanceOf(BadRequestException.class).hasMessageStartingWith("request body is not valid JSON: ");
    assertThatThrownBy(() -> read("{'a': 1}"))
        .isInstanceOf(BadRequestException.class).hasMessageStartingWith("request body is not valid JSON: ");
    assertThatThrownBy(() -> read("   "))
        .isInstanceOf(BadRequestException.class).hasMessage("request body is not valid JSON: no content");
  }

  /** The reader recurses; a body nested deeper than any API shape is refused, not a stack overflow. */
  @Test
  void deepNestingIsRefused() {
    char[] open = new char[10_000];
    Arrays.fill(open, '[');
    assertThatThrownBy(() -> read(new String(open)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("nesting depth");
  }

  @Test
  void fieldReadersNameTheFieldAndTheReason() {
    Map<String, Object> body = Json.object(read("{\"a\":1,\"t\":\"soon\",\"m\":{\"k\":2},\"z\":\"0001-01-01T00:00:00Z\"}"),
        "body must be an object");
    assertThatThrownBy(() -> Json.text(body, "a", true)).hasMessage("a in body must be of type string");
    assertThatThrownBy(() -> Json.text(body, "missing", true)).hasMessage("missing in body is required");
    assertThatThrownBy(() -> Json.time(body, "t", true)).hasMessage("t in body must be of type date-time: \"soon\"");
    assertThat(Json.time(body, "z", false)).as("Go's zero time is unset").isNull();
    assertThatThrownBy(() -> Json.stringMap(body, "m", true)).hasMessage("m.k in body must be of type string");
    assertThatThrownBy(() -> Json.bool(body, "a", false)).hasMessage("a in body must be of type boolean");
    assertThatThrownBy(() -> Json.object(List.of(), "body must be a silence object"))
        .hasMessage("body must be a silence object");
  }
}
