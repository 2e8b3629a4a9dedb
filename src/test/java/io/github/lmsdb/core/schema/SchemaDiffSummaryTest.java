package io.github.lmsdb.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffSummaryTest {
    private static Change change(String counter, String table) {
        return new Change(Change.CREATE_INDEX, "x", counter, table, List.of(), List.of());
    }

    @Test
    void countsArePluralisedAsEnglishAndAlteredTablesCountedOnce() {
        String summary = SchemaDiff.summary(List.of(
                change("index added", "public.users"), change("index added", "public.courses"),
                change("column added", "public.users"), change("table added", "public.tags")));

        assertThat(summary).isEqualTo("2 tables altered, 2 indexes added, 1 column added, 1 table added");
    }
}
