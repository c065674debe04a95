package org.alertcluster.impl.discovery;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * SRV lookups through the JDK's own DNS client (JNDI {@code dns:}, module {@code jdk.naming.dns}),
 * using the system's resolver configuration. Records are returned in the order of their priority
 * (lowest first); weights are ignored, since every target is a peer to contact.
 */
final class JndiSrvResolver implements Discovery.SrvResolver {

  @Override
  public List<Discovery.SrvRecord> resolve(String name) throws UnknownHostException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", "dns:");
    // The factory is a JDK class; inside OSGi the context class loader (a bundle's) cannot see it.
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(env);
      Attribute srv = ctx.getAttributes(name, new String[] {"SRV"}).get("SRV");
      List<String[]> rows = new ArrayList<>();
      if (srv != null) {
        NamingEnumeration<?> values = srv.getAll();
        while (values.hasMore()) {
          // "priority weight port target."
          rows.add(String.valueOf(values.next()).trim().split("\\s+"));
        }
      }
      rows.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
      List<Discovery.SrvRecord> out = new ArrayList<>();
      for (String[] r : rows) {
        String target = r[3].endsWith(".") ? r[3].substring(0, r[3].length() - 1) : r[3];
        out.add(new Discovery.SrvRecord(target, Integer.parseInt(r[2])));
      }
      return out;
    } catch (NamingException | RuntimeException e) {
      UnknownHostException u = new UnknownHostException("SRV lookup of " + name + " failed: " + e);
      u.initCause(e);
      throw u;
    } finally {
      t.setContextClassLoader(previous);
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException ignored) {
          // nothing held open
        }
      }
    }
  }
}
