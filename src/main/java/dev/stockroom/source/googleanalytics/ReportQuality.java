package dev.stockroom.source.googleanalytics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What GA4 says about the numbers of one report answer (its {@code metadata}), stored on each row
 * the answer loaded so that a dashboard can mark the days they cover:
 * {@code subject_to_thresholding} (rows below Google's privacy thresholds were withheld, so rows
 * need not add up), {@code sampled} ({@code samplingMetadatas} present: the numbers are estimates
 * from a sample) and {@code data_loss_from_other_row} (the long tail was folded into an
 * {@code (other)} row). GA reports them per request, and a request covers a chunk of days (a
 * month), so every row of that chunk carries the same flags. proto3 JSON leaves out a false
 * flag and an empty list: absent means false.
 */
record ReportQuality(boolean thresholded, boolean sampled, boolean otherRowLoss) {

    static final String THRESHOLDED = "subject_to_thresholding";
    static final String SAMPLED = "sampled";
    static final String OTHER_ROW = "data_loss_from_other_row";

    static ReportQuality of(Optional<Object> thresholded, Optional<Object> sampling, Optional<Object> otherRow) {
        return new ReportQuality(truthy(thresholded), sampling.map(s -> s instanceof List<?> l && !l.isEmpty())
                .orElse(false), truthy(otherRow));
    }

    private static boolean truthy(Optional<Object> flag) {
        return flag.map(f -> f instanceof Boolean b ? b : Boolean.parseBoolean(f.toString())).orElse(false);
    }

    void addTo(Map<String, Object> row) {
        row.put(THRESHOLDED, thresholded);
        row.put(SAMPLED, sampled);
        row.put(OTHER_ROW, otherRowLoss);
    }
}
