package io.github.lmsdb.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void belowOneKilobyteIsCountedInBytes() {
        assertThat(ByteSize.format(0)).isEqualTo("0 bytes");
        assertThat(ByteSize.format(512)).isEqualTo("512 bytes");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 bytes");
    }

    @Test
    void oneByteIsSingular() {
        assertThat(ByteSize.format(1)).isEqualTo("1 byte");
    }

    @Test
    void largerSizesUseBinaryUnitsWithOneDecimal() {
        assertThat(ByteSize.format(1024)).isEqualTo("1.0 kB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 kB");
        assertThat(ByteSize.format(1024L * 1024)).isEqualTo("1.0 MB");
        assertThat(ByteSize.format(47_395_635)).isEqualTo("45.2 MB");
        assertThat(ByteSize.format(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
        assertThat(ByteSize.format(3L * 1024 * 1024 * 1024 * 1024)).isEqualTo("3.0 TB");
    }

    @Test
    void petabytesIsTheLargestUnit() {
        assertThat(ByteSize.format(2048L * 1024 * 1024 * 1024 * 1024 * 1024)).isEqualTo("2048.0 PB");
        assertThat(ByteSize.format(Long.MAX_VALUE)).isEqualTo("8192.0 PB");
    }

    @Test
    void decimalPointIsAPointWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ByteSize.format(1536)).isEqualTo("1.5 kB");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void sizeJustBelowAUnitRoundsUpIntoThatUnit() {
        // 1048575 bytes is 1023.999 kB: shown with one decimal it is 1.0 MB, never "1024.0 kB".
        assertThat(ByteSize.format(1024L * 1024 - 1)).isEqualTo("1.0 MB");
        assertThat(ByteSize.format(1024L * 1024 * 1024 - 1)).isEqualTo("1.0 GB");
    }
}
