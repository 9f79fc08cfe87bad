package dev.sluice.delivery.metrics.influxdb;

import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricResult;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code _value} of InfluxDB's annotated CSV answer (tables separated by blank lines). */
final class AnnotatedCsv {

    private AnnotatedCsv() {
    }

    static MetricResult singleValue(String csv) throws MetricException {
        List<String> values = new ArrayList<>();
        String datatype = "";
        List<String> header = null;
        List<String> types = null;
        for (String raw : csv.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                header = null;
                continue;
            }
            List<String> cells = split(line);
            if (cells.get(0).startsWith("#")) {
                if (cells.get(0).equals("#datatype")) {
                    types = cells;
                }
                continue;
            }
            if (header == null) {
                header = cells;
                if (!header.contains("_value")) {
                    throw new MetricException("influxdb answer has no _value column: " + line);
                }
                continue;
            }
            int i = header.indexOf("_value");
            values.add(i < cells.size() ? cells.get(i) : "");
            datatype = types != null && i < types.size() ? types.get(i) : "";
        }
        if (values.isEmpty()) {
            return MetricResult.insufficient(MetricResult.Reason.NO_SERIES);
        }
        if (values.size() > 1) {
            return new MetricResult.InsufficientData(MetricResult.Reason.MULTIPLE_SERIES, values.size() + " records");
        }
        String v = values.get(0);
        if (v.isEmpty() || v.equals("NaN")) {
            return MetricResult.insufficient(MetricResult.Reason.NAN);
        }
        if (!datatype.isEmpty() && !List.of("double", "long", "unsignedLong").contains(datatype)) {
            throw new MetricException("influxdb _value is of type " + datatype + ", not a number: " + v);
        }
        try {
            return MetricResult.value(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new MetricException("influxdb _value is not a number: " + v);
        }
    }

    /** One CSV line; quoted cells may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
