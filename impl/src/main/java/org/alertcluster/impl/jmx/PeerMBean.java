package org.alertcluster.impl.jmx;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only MBean for one peer. Attributes: {@code Name}, {@code Cluster}, {@code Address},
 * {@code Status}, {@code MemberList} and {@code FailedMemberList} ("name address" per member, in
 * position order), {@code States} ("key bytes") and one {@code long} attribute per
 * {@link ClusterMetric} named {@link ClusterMetric#attributeName()} with its first letter upper case,
 * as JMX attributes are (e.g. {@code Members}, {@code Position}, {@code PeersJoined}), whose
 * description is the Prometheus name and help. Values are read when asked, from one metrics snapshot
 * per {@link #getAttributes} call.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}) registers it; <b>not API</b>: the
 * bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list of impl's public
 * types with the reason for each.
 */
public final class PeerMBean implements DynamicMBean {

  private static final Logger LOG = LoggerFactory.getLogger(PeerMBean.class);
  /** The JMX domain: {@value}. */
  static final String DOMAIN = "org.alertcluster";

  private static final List<MBeanAttributeInfo> FIXED = List.of(
      attr("Name", String.class, "This peer's node name"),
      attr("Cluster", String.class, "The cluster name (JGroups cluster)"),
      attr("Address", String.class, "The advertised host:port"),
      attr("Status", String.class, "SETTLING, READY, READY_AFTER_TIMEOUT or LEFT"),
      attr("MemberList", String[].class, "Members as 'name address', in position order"),
      attr("FailedMemberList", String[].class, "Failed members still retried, as 'name address'"),
      attr("States", String[].class, "Registered State keys as 'key bytes' (marshalled now)"));

  private final Peer peer;
  private final MBeanInfo info;

  /** @param peer the peer to show */
  PeerMBean(Peer peer) {
    this.peer = peer;
    List<MBeanAttributeInfo> attrs = new ArrayList<>(FIXED);
    for (ClusterMetric m : ClusterMetric.values()) {
      attrs.add(attr(attributeName(m), long.class, m.prometheusName() + labels(m)
          + " (" + m.type().name().toLowerCase(java.util.Locale.ROOT)
          + (m.unit().isEmpty() ? "" : ", " + m.unit()) + "): " + m.help()));
    }
    this.info = new MBeanInfo(PeerMBean.class.getName(),
        "alertcluster peer " + peer.name() + " in cluster " + peer.config().clusterName(),
        attrs.toArray(MBeanAttributeInfo[]::new), null, null, null);
  }

  /**
   * The object name of a peer's MBean.
   *
   * @param cluster the cluster name
   * @param name the peer name
   * @return {@code org.alertcluster:type=Peer,cluster=CLUSTER,name=NAME}, values quoted when needed
   */
  static ObjectName objectName(String cluster, String name) {
    try {
      return new ObjectName(DOMAIN + ":type=Peer,cluster=" + value(cluster) + ",name=" + value(name));
    } catch (JMException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Registers an MBean for {@code peer} in the platform MBean server. A name already taken (two peers
   * with the same cluster and name in one JVM) is logged and skipped: JMX is for operators and must
   * never stop a peer.
   *
   * @param peer the peer
   * @return a handle that unregisters it, a no-op if registration was skipped
   */
  public static Runnable register(Peer peer) {
    ObjectName name = objectName(peer.config().clusterName(), peer.name());
    MBeanServer server;
    try {
      server = ManagementFactory.getPlatformMBeanServer();
      server.registerMBean(new PeerMBean(peer), name);
    } catch (InstanceAlreadyExistsException e) {
      LOG.info("Peer {}: JMX name {} is taken by another peer in this JVM; no MBean for this one",
          peer.name(), name);
      return () -> {};
    } catch (JMException | RuntimeException | LinkageError e) {
      LOG.warn("Peer {}: could not register MBean {}: {}", peer.name(), name, e.toString());
      return () -> {};
    }
    return () -> {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        LOG.debug("Peer {}: MBean {} was already unregistered", peer.name(), name);
      }
    };
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    return read(attribute, null);
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    ClusterMetrics snapshot = peer.metrics();
    AttributeList list = new AttributeList();
    for (String a : attributes) {
      try {
        list.add(new Attribute(a, read(a, snapshot)));
      } catch (AttributeNotFoundException e) {
        // JMX convention: unknown names are left out of the result
      }
    }
    return list;
  }

  private Object read(String attribute, ClusterMetrics snapshot) throws AttributeNotFoundException {
    switch (attribute) {
      case "Name": return peer.name();
      case "Cluster": return peer.config().clusterName();
      case "Address": return peer.self().address();
      case "Status": return peer.status().name();
      case "MemberList": return describe(peer.members());
      case "FailedMemberList": return describe(peer.failedMembers());
      case "States": return peer.stateSizes().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
      default:
        for (ClusterMetric m : ClusterMetric.values()) {
          if (attributeName(m).equals(attribute)) {
            return (snapshot != null ? snapshot : peer.metrics()).get(m);
          }
        }
        throw new AttributeNotFoundException(attribute);
    }
  }

  /**
   * The attribute of a metric: {@link ClusterMetric#attributeName()} with its first letter upper
   * case ({@code UPDATE_BYTES_SENT} is {@code UpdateBytesSent}), JMX's convention.
   *
   * @param m the metric
   * @return the attribute name
   */
  static String attributeName(ClusterMetric m) {
    String a = m.attributeName();
    return Character.toUpperCase(a.charAt(0)) + a.substring(1);
  }

  private static String labels(ClusterMetric m) {
    return m.labels().isEmpty() ? "" : m.labels().entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  private static String[] describe(List<Member> members) {
    return members.stream().map(m -> m.name() + " " + m.address()).toArray(String[]::new);
  }

  @Override
  public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
    throw new AttributeNotFoundException(attribute.getName() + " is read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    throw new UnsupportedOperationException("no operations; " + actionName);
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }

  private static MBeanAttributeInfo attr(String name, Class<?> type, String description) {
    return new MBeanAttributeInfo(name, type.getName(), description, true, false, false);
  }

  private static String value(String s) {
    for (char c : s.toCharArray()) {
      if (",=:*?\"\n\\".indexOf(c) >= 0) {
        return ObjectName.quote(s);
      }
    }
    return s;
  }
}
