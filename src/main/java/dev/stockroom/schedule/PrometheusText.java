package dev.stockroom.schedule;

import java.math.BigDecimal;

/** Writes Prometheus text exposition format 0.0.4: family headers and samples, escaped. */
final class PrometheusText {

    private final StringBuilder out = new StringBuilder();

    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(String name, String source, String stream, double value) {
        out.append(name).append("{source=\"").append(escapeLabel(source))
                .append("\",stream=\"").append(escapeLabel(stream)).append("\"} ")
                .append(format(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Plain decimal, no exponent: 1774751400.123, 42, 0.5; NaN and infinities as Prometheus spells them. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }
}
