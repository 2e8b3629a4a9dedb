package io.github.lmsdb.core.io;

/** The planner's row estimate as people read it: about 12 rows, about 40 M rows. */
public final class RowEstimate {
    private RowEstimate() {}

    public static String format(long estimate) {
        if (estimate < 0) {
            return "rows unknown: never analyzed";
        }
        if (estimate < 10_000) {
            return "about " + estimate + (estimate == 1 ? " row" : " rows");
        }
        String[] units = {"k", "M", "G"};
        double value = estimate;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return "about " + (value < 10 ? String.format(java.util.Locale.ROOT, "%.1f", value) : Long.toString(Math.round(value)))
                + " " + units[unit] + " rows";
    }
}
