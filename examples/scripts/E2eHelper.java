import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers for prometheus-e2e.sh, run as a single source file ({@code java E2eHelper.java ...}) so the
 * script needs nothing but a JDK.
 *
 * <ul>
 *   <li>{@code ports N}: prints N distinct ports on 127.0.0.1 that were free a moment ago, each with
 *       port + 100 free too (alertcluster's failure detection listens there).</li>
 *   <li>{@code sink PORT_FILE LOG_FILE}: a webhook receiver on 127.0.0.1 (OS-chosen port, written to
 *       PORT_FILE); appends one line per notification to LOG_FILE:
 *       {@code <epoch ms> <status> <alertname group label> <externalURL>}; runs until killed.</li>
 * </ul>
 */
public class E2eHelper {

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("ports")) {
      ports(Integer.parseInt(args[1]));
    } else if (args.length == 3 && args[0].equals("sink")) {
      sink(Path.of(args[1]), Path.of(args[2]));
    } else {
      System.err.println("usage: java E2eHelper.java ports N | sink PORT_FILE LOG_FILE");
      System.exit(2);
    }
  }

  private static void ports(int n) throws IOException {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    Set<Integer> taken = new HashSet<>();
    List<Integer> out = new ArrayList<>();
    for (int attempt = 0; out.size() < n && attempt < 200; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0, 1, lo)) {
        p = s.getLocalPort();
      }
      if (p + 100 > 65535 || taken.contains(p) || taken.contains(p + 100) || !free(p + 100, lo)) {
        continue;
      }
      taken.add(p);
      taken.add(p + 100);
      out.add(p);
    }
    if (out.size() < n) {
      throw new IOException("found only " + out.size() + " free ports of " + n);
    }
    out.forEach(System.out::println);
  }

  private static boolean free(int port, InetAddress lo) {
    try (ServerSocket s = new ServerSocket(port, 1, lo)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
  private static final Pattern GROUP = Pattern.compile("\"groupLabels\"\\s*:\\s*\\{[^}]*\"alertname\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern EXTERNAL = Pattern.compile("\"externalURL\"\\s*:\\s*\"([^\"]*)\"");

  private static void sink(Path portFile, Path log) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        // The first "status" of a webhook message is the group's (Alertmanager writes it before alerts).
        String line = System.currentTimeMillis() + " " + find(STATUS, body) + " " + find(GROUP, body)
            + " " + find(EXTERNAL, body) + "\n";
        synchronized (E2eHelper.class) {
          Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        ex.sendResponseHeaders(200, -1);
      }
    });
    server.start();
    Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
  }

  private static String find(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? m.group(1).replace(' ', '_') : "-";
  }
}
