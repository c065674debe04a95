package org.alertcluster.examples.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Alert;
import org.alertcluster.examples.model.Fingerprint;

/** Alertmanager's webhook message, version 4, as JSON. */
public final class WebhookPayload {

  /** Go's zero time, which Alertmanager sends as {@code endsAt} of alerts without an end. */
  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiver", n.receiver());
    m.put("status", n.status());
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Alert a : n.alerts()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("status", a.resolvedAt(n.now()) ? "resolved" : "firing");
      am.put("labels", a.labels());
      am.put("annotations", a.annotations());
      am.put("startsAt", a.startsAt().toString());
      am.put("endsAt", a.resolvedAt(n.now()) ? a.endsAt().toString() : ZERO_TIME);
      am.put("generatorURL", a.generatorURL());
      am.put("fingerprint", Fingerprint.hex(a.fingerprint()));
      alerts.add(am);
    }
    m.put("alerts", alerts);
    m.put("groupLabels", n.groupLabels());
    m.put("commonLabels", n.commonLabels());
    m.put("commonAnnotations", n.commonAnnotations());
    m.put("externalURL", externalUrl);
    m.put("version", "4");
    m.put("groupKey", n.groupKey());
    m.put("truncatedAlerts", truncatedAlerts);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // maps of strings always serialize
    }
  }
}
