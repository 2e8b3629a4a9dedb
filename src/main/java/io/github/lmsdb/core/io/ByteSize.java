package io.github.lmsdb.core.io;

import java.util.Locale;

/** Sizes as people read them: {@code 7.9 MB}, {@code 512 bytes}. */
public final class ByteSize {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private ByteSize() {}

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        // Compare the rounded value, so that 1048575 bytes reads 1.0 MB rather than 1024.0 kB.
        while (Math.round(value * 10) >= 1024 * 10 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
