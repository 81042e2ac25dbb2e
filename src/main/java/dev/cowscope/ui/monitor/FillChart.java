package dev.cowscope.ui.monitor;

import dev.cowscope.monitor.FillPoint;
import dev.cowscope.monitor.FillThresholds;
import java.util.function.LongFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The fill over time on one canvas (never a node per sample): the fill curve, the thresholds as
 * dashed lines, now, the predicted loss drawn ahead of now as a dashed line to 100 %, and the moment
 * the snapshot was lost. Redraws when the curve, the thresholds or the size change.
 */
final class FillChart extends Region {
    static final Color CURVE = Color.web("#2a6fdb");
    static final Color PREDICTION = Color.web("#e07b00");
    static final Color LOST = Color.web("#c62828");
    private static final double LEFT = 46;
    private static final double RIGHT = 16;
    private static final double TOP = 14;
    private static final double BOTTOM = 26;

    private final Canvas canvas = new Canvas();
    private FillCurve curve = FillCurve.EMPTY;
    private FillThresholds thresholds = FillThresholds.DMEVENTD;
    private LongFunction<String> timeText = Long::toString;

    FillChart() {
        getChildren().add(canvas);
        setMinSize(200, 140);
        setPrefSize(800, 360);
        getStyleClass().add("fill-chart");
        widthProperty().addListener(o -> draw());
        heightProperty().addListener(o -> draw());
    }

    void show(FillCurve c, FillThresholds t, LongFunction<String> times) {
        curve = c;
        thresholds = t;
        timeText = times;
        draw();
    }

    FillCurve curve() {
        return curve;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** The smallest 1, 2 or 5 × 10^k microseconds (at least 10 ms) not below {@code atLeast}. */
    static long tickStep(long atLeast) {
        for (long decade = 10_000; ; decade *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * decade >= atLeast || decade > Long.MAX_VALUE / 100) {
                    return m * decade;
                }
            }
        }
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        g.setFont(Font.font(11));
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        g.setStroke(Color.gray(0.75));
        g.setFill(Color.gray(0.35));
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int p = 0; p <= 100; p += 25) {
            double y = TOP + ph * (1 - p / 100.0);
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.fillText(p + " %", LEFT - 6, y);
        }
        if (curve.size() == 0 && curve.lostMicros() == FillPoint.NEVER) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("No samples yet: open a status log or attach to a live snapshot", LEFT + pw / 2, TOP + ph / 2);
            return;
        }
        long t0 = curve.size() > 0 ? curve.micros()[0] : curve.lostMicros();
        long t1 = Math.max(curve.nowMicros(), t0 + 1_000_000);
        long span = t1 - t0;
        boolean predicted = curve.predictedLossMicros() != FillPoint.NEVER && curve.predictedLossMicros() - t1 <= 2 * span;
        long end = predicted ? Math.max(t1, curve.predictedLossMicros()) + span / 20 : t1 + span / 50;
        double scale = pw / (double) (end - t0);
        // time axis: ticks on whole steps of 1, 2 or 5 × 10^k seconds, about six of them
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        long step = tickStep((end - t0) / 6);
        for (long t = (t0 + step - 1) / step * step; t <= end; t += step) {
            double x = LEFT + (t - t0) * scale;
            g.strokeLine(x, TOP + ph, x, TOP + ph + 4);
            g.fillText(timeText.apply(t), Math.min(Math.max(x, LEFT + 20), LEFT + pw - 20), TOP + ph + 6);
        }
        // thresholds
        g.setLineDashes(4, 4);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        for (int i = 0; i < thresholds.count(); i++) {
            int p = thresholds.percent(i);
            double y = TOP + ph * (1 - p / 100.0);
            g.setStroke(p >= FillThresholds.WARNING_FROM ? Color.web("#d9a400") : Color.gray(0.6));
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.fillText(p + " %", LEFT + 3, y - 1);
        }
        g.setLineDashes();
        // the curve
        g.setStroke(CURVE);
        g.setLineWidth(2);
        g.beginPath();
        for (int i = 0; i < curve.size(); i++) {
            double x = LEFT + (curve.micros()[i] - t0) * scale;
            double y = TOP + ph * (1 - Math.min(100, curve.percent()[i]) / 100.0);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        double nowX = LEFT + (curve.nowMicros() - t0) * scale;
        g.setLineWidth(1);
        g.setStroke(Color.gray(0.45));
        g.strokeLine(nowX, TOP, nowX, TOP + ph);
        if (predicted && curve.size() > 0) {
            double lastY = TOP + ph * (1 - Math.min(100, curve.percent()[curve.size() - 1]) / 100.0);
            double lossX = LEFT + (curve.predictedLossMicros() - t0) * scale;
            g.setStroke(PREDICTION);
            g.setLineWidth(2);
            g.setLineDashes(7, 5);
            g.strokeLine(nowX, lastY, lossX, TOP);
            g.setLineDashes();
            g.strokeLine(lossX, TOP, lossX, TOP + ph);
            g.setFill(PREDICTION);
            g.setTextAlign(lossX > LEFT + pw * 0.7 ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("lost at " + timeText.apply(curve.predictedLossMicros()) + " (predicted)", lossX + (lossX > LEFT + pw * 0.7 ? -4 : 4), TOP + 2);
        }
        if (curve.lostMicros() != FillPoint.NEVER) {
            double x = LEFT + (curve.lostMicros() - t0) * scale;
            g.setStroke(LOST);
            g.setLineWidth(2);
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setFill(LOST);
            g.setTextAlign(x > LEFT + pw * 0.7 ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(curve.lostWord() + " at " + timeText.apply(curve.lostMicros()), x + (x > LEFT + pw * 0.7 ? -4 : 4), TOP + 16);
        }
    }
}
