package org.alertcluster.examples.receiver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;

/** Alertmanager's webhook message, version 4, as JSON. */
public final class WebhookPayload {

  /** Go's zero time, which Alertmanager sends as {@code endsAt} of alerts without an end. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  /** Streaming {@code jackson-core} only: data binding would load ~400 classes for one fixed shape. */
  private static final JsonFactory JSON = new JsonFactory();

  private WebhookPayload() {}

  /**
   * The JSON body for a notification.
   *
   * @param n the notification
   * @param externalUrl this node's external URL
   * @return the JSON text
   */
  public static String toJson(Notification n, String externalUrl) {
    return toJson(n, externalUrl, 0);
  }

  /**
   * The JSON body for a notification cut to {@code max_alerts}.
   *
   * @param n the notification (already cut)
   * @param externalUrl this node's external URL
   * @param truncatedAlerts how many alerts were left out
   * @return the JSON text
   */
  public static String toJson(Notification n, String externalUrl, int truncatedAlerts) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("receiver", n.receiver());
      g.writeStringField("status", n.status());
      g.writeArrayFieldStart("alerts");
      for (Alert a : n.alerts()) {
        boolean resolved = a.resolvedAt(n.now());
        g.writeStartObject();
        g.writeStringField("status", resolved ? "resolved" : "firing");
        writeMap(g, "labels", a.labels());
        writeMap(g, "annotations", a.annotations());
        g.writeStringField("startsAt", a.startsAt().toString());
        g.writeStringField("endsAt", resolved ? a.endsAt().toString() : ZERO_TIME);
        g.writeStringField("generatorURL", a.generatorURL());
        g.writeStringField("fingerprint", Fingerprint.hex(a.fingerprint()));
        g.writeEndObject();
      }
      g.writeEndArray();
      writeMap(g, "groupLabels", n.groupLabels());
      writeMap(g, "commonLabels", n.commonLabels());
      writeMap(g, "commonAnnotations", n.commonAnnotations());
      g.writeStringField("externalURL", externalUrl);
      g.writeStringField("version", "4");
      g.writeStringField("groupKey", n.groupKey());
      g.writeNumberField("truncatedAlerts", truncatedAlerts);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void writeMap(JsonGenerator g, String field, Map<String, String> m) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : m.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
