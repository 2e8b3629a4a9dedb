package io.github.lmsdb.core.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CSV header row: the column names the file loads, unquoted. */
class CsvLoaderTest {

    @Test
    void plainHeaderGivesItsColumnsInOrder() {
        assertThat(CsvLoader.header("id,email,full_name")).containsExactly("id", "email", "full_name");
    }

    @Test
    void singleColumnHeaderGivesOneColumn() {
        assertThat(CsvLoader.header("id")).containsExactly("id");
    }

    @Test
    void quotedNamesMayHoldCommasAndDoubledQuotes() {
        assertThat(CsvLoader.header("\"id\",\"full, name\",\"say \"\"hi\"\"\",plain"))
                .containsExactly("id", "full, name", "say \"hi\"", "plain");
    }

    @Test
    void whitespaceAroundNamesIsTrimmed() {
        assertThat(CsvLoader.header("  id , email\t,full_name  ")).containsExactly("id", "email", "full_name");
        assertThat(CsvLoader.header(" \"id\" , \"email\" ")).containsExactly("id", "email");
    }

    @Test
    void emptyNamesAreKeptInTheirPlace() {
        assertThat(CsvLoader.header("id,,email,")).containsExactly("id", "", "email", "");
    }
}
