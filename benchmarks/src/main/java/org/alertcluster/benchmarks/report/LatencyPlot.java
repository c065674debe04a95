package org.alertcluster.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The latency distributions side by side, in plain Java2D (headless): one panel per figure, each
 * series drawn as a cumulative distribution over a logarithmic time axis, alertcluster in blue and
 * its baseline in orange. A curve further left is faster; the top of the curve is the tail.
 */
public final class LatencyPlot {

  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728)};
  private static final int PANEL_W = 520;
  private static final int PANEL_H = 300;

  private LatencyPlot() {}

  /**
   * Writes the PNG.
   *
   * @param panels title → series (values in one unit per panel, named in the title)
   * @param file the PNG file
   * @throws IOException if it cannot be written
   */
  public static void write(Map<String, List<Samples>> panels, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int n = Math.max(1, panels.size());
    int cols = Math.min(2, n);
    int rowsCount = (n + cols - 1) / cols;
    BufferedImage img = new BufferedImage(cols * PANEL_W, rowsCount * PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    int i = 0;
    for (Map.Entry<String, List<Samples>> e : panels.entrySet()) {
      drawPanel(g, (i % cols) * PANEL_W, (i / cols) * PANEL_H, e.getKey(), e.getValue());
      i++;
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static void drawPanel(Graphics2D g, int x0, int y0, String title, List<Samples> series) {
    int left = x0 + 55;
    int right = x0 + PANEL_W - 15;
    int top = y0 + 30;
    int bottom = y0 + PANEL_H - 45;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Samples s : series) {
      double[] a = s.sorted();
      if (a.length > 0) {
        min = Math.min(min, Math.max(a[0], 1e-3));
        max = Math.max(max, a[a.length - 1]);
      }
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, x0 + 10, y0 + 18);
    if (max <= 0) {
      g.drawString("no data", left + 10, top + 20);
      return;
    }
    double lo = Math.floor(Math.log10(min));
    double hi = Math.ceil(Math.log10(max));
    if (hi <= lo) {
      hi = lo + 1;
    }
    g.setColor(Color.GRAY);
    g.drawRect(left, top, right - left, bottom - top);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double d = lo; d <= hi; d++) {
      int x = (int) (left + (d - lo) / (hi - lo) * (right - left));
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(Math.pow(10, d)), x - 10, bottom + 14);
    }
    for (double q : new double[] {0, 0.5, 0.9, 0.99, 1}) {
      int y = (int) (bottom - q * (bottom - top));
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(q == 0 ? "0" : q == 1 ? "1" : String.valueOf(q), x0 + 20, y + 4);
    }
    int legendY = bottom + 30;
    int legendX = left;
    for (int s = 0; s < series.size(); s++) {
      double[] a = series.get(s).sorted();
      g.setColor(COLORS[s % COLORS.length]);
      g.setStroke(new BasicStroke(2f));
      Path2D path = new Path2D.Double();
      for (int k = 0; k < a.length; k++) {
        double v = Math.max(a[k], Math.pow(10, lo));
        double x = left + (Math.log10(v) - lo) / (hi - lo) * (right - left);
        double y = bottom - (k + 1.0) / a.length * (bottom - top);
        if (k == 0) {
          path.moveTo(x, bottom);
        }
        path.lineTo(x, y);
      }
      g.draw(path);
      g.fillRect(legendX, legendY - 8, 14, 8);
      g.setColor(Color.BLACK);
      String name = series.get(s).name() + " (n=" + a.length + ")";
      g.drawString(name, legendX + 18, legendY);
      legendX += 30 + g.getFontMetrics().stringWidth(name);
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static String label(double v) {
    if (v >= 1) {
      return String.valueOf((long) v);
    }
    return String.valueOf(v);
  }
}
