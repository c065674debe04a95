package org.alertcluster.impl;

import org.jgroups.Global;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' own logging through slf4j, like ours. JGroups' {@link LogFactory} picks log4j2
 * when its core is visible, slf4j otherwise, and falls back to java.util.logging when
 * {@code Class.forName} cannot see slf4j (a class-loader boundary). Unless the host chose a JGroups
 * logger explicitly ({@code jgroups.log_class}, {@code jgroups.use_jdk_logger}, or a custom
 * factory), install a factory that always uses slf4j. JGroups is embedded privately in the OSGi
 * bundle, so there this affects only our copy.
 */
final class JGroupsLogging {

  private JGroupsLogging() {}

  static synchronized void install() {
    if (LogFactory.getCustomLogFactory() != null || LogFactory.IS_SLF4J_AVAILABLE
        || System.getProperty(Global.LOG_CLASS) != null || LogFactory.useJdkLogger()) {
      return;
    }
    LogFactory.setCustomLogFactory(new org.jgroups.logging.CustomLogFactory() {
      @Override
      public org.jgroups.logging.Log getLog(Class<?> clazz) {
        return new Slf4jLogImpl(clazz);
      }

      @Override
      public org.jgroups.logging.Log getLog(String category) {
        return new Slf4jLogImpl(category);
      }
    });
  }
}
