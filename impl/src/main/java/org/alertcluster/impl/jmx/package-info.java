/**
 * JMX: one MBean per peer, {@code org.alertcluster:type=Peer,cluster=…,name=…}, with the members,
 * the status and every {@link org.alertcluster.api.ClusterMetric}. Registered in the platform MBean
 * server, which is what jconsole, VisualVM, a JMX exporter and Karaf's JMX connector show, once that
 * server exists: a process where nothing uses JMX never creates it (see {@link PeerMBean#register}).
 */
package org.alertcluster.impl.jmx;
