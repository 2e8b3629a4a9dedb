package io.github.lmsdb.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.error.LmsdbException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain dump is read the way psql reads it, and any meta-command pg_dump does not write is refused. */
class PlainDumpScannerTest {
    private static final String HEADER = "--\n-- PostgreSQL database dump\n--\n\n\\restrict abcDEF123\n\nSET standard_conforming_strings = on;\n";
    private static final String FOOTER = "\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abcDEF123\n";

    @TempDir
    Path dir;

    @Test
    void aDumpAsPgDumpWritesItPassesAndTellsWhatItHolds() throws Exception {
        String sql = HEADER
                + "CREATE TABLE public.items (\n    id integer NOT NULL,\n    name text DEFAULT 'a\\b;c'::text\n);\n"
                + "CREATE TABLE \"Odd\".\"Sp ace\" (id integer);\n"
                + "CREATE FUNCTION public.f() RETURNS text LANGUAGE plpgsql AS $_$\nbegin\n  return regexp_replace('x', '\\d+\\w', '');\nend\n$_$;\n"
                + "COPY public.items (id, name) FROM stdin;\n1\t\\N\n2\tback\\\\slash\\ttab\n\\.\n"
                + "COPY \"Odd\".\"Sp ace\" (id) FROM stdin;\n\\.\n"
                + "ALTER TABLE ONLY public.items\n    ADD CONSTRAINT items_pkey PRIMARY KEY (id);\n"
                + FOOTER;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        DumpContents contents = PlainDumpScanner.scan(write(sql), copy);

        assertThat(contents.tables()).containsExactlyInAnyOrder("public.items", "Odd.Sp ace");
        assertThat(contents.tablesWithRows()).containsExactly("public.items");
        assertThat(contents.constraints()).containsExactly("public.items items_pkey");
        assertThat(contents.complete()).isTrue();
        assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo(sql);
    }

    @Test
    void aShellCommandOnItsOwnLineIsRefusedWithFileLineAndCommand() throws Exception {
        Path file = write(HEADER + "CREATE TABLE public.t (id int);\n\\! touch /tmp/x\n" + FOOTER);

        assertThatThrownBy(() -> PlainDumpScanner.scan(file, null))
                .isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("crafted.sql line 9: a psql meta-command (\\! touch /tmp/x), which psql would run.")
                .hasMessageContaining("It is not restored.");
    }

    @Test
    void metaCommandsHiddenWhereOnlyACarelessReaderWouldMissThemAreRefused() throws Exception {
        String[] hidden = {
            "SELECT 1; \\! touch /tmp/x\n",                                      // after a statement on the same line
            "SELECT '\nCOPY public.t FROM stdin;\n';\n\\! touch /tmp/x\n\\.\n",  // a COPY inside a string literal
            "SELECT (1;\nCOPY public.t FROM stdin;\n\\! touch /tmp/x\n\\.\n",     // psql does not end a statement inside parentheses
            "COPY public.t (id) FROM stdin;\n1 \\! touch /tmp/x\n\\.\n",          // no COPY escape starts with !
            "SELECT 'a\\'; \\! touch /tmp/x --';\n",                              // \\' read differently by standard_conforming_strings
            "\\connect other_database\n",                                         // would write into another database
            "\\o |touch /tmp/x\n",
            "\\set ON_ERROR_STOP 0\n",
        };
        for (String body : hidden) {
            Path file = write(HEADER + body + FOOTER);
            assertThatThrownBy(() -> PlainDumpScanner.scan(file, null)).as(body).isInstanceOf(LmsdbException.class)
                    .hasMessageContaining("crafted.sql line ");
        }
    }

    @Test
    void copyRowsAreCountedPerBlockTheSameHoweverTheBytesArriveAndABadEscapeNamesItsLine() throws Exception {
        String sql = HEADER
                + "CREATE TABLE public.a (id integer, t text);\nCREATE TABLE public.b (id integer);\n"
                + "COPY public.a (id, t) FROM stdin;\n1\tx\\ty\n2\t\\N\r\n3\t\\303\\251t\\x41\n\\.\n"
                + "COPY public.b (id) FROM stdin;\n\\.\n"
                + "COPY public.a (id, t) FROM stdin;\n4\tz\n\\.\r\n"
                + FOOTER;
        Path file = write(sql);
        DumpContents whole = PlainDumpScanner.scan(file, null);
        assertThat(whole.copies()).containsExactly(new DumpContents.CopyBlock("public.a", 3), new DumpContents.CopyBlock("public.b", 0),
                new DumpContents.CopyBlock("public.a", 1));
        assertThat(whole.tablesWithRows()).containsExactly("public.a");
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= 7; chunk++) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            PlainDumpScanner scanner = new PlainDumpScanner("crafted.sql", true, copy);
            for (int i = 0; i < bytes.length; i += chunk) {
                scanner.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
            scanner.close();
            assertThat(scanner.contents()).as("chunks of " + chunk).isEqualTo(whole);
            assertThat(copy.toByteArray()).as("chunks of " + chunk).isEqualTo(bytes);
        }

        Path bad = write(HEADER + "COPY public.a (id, t) FROM stdin;\n1\tfine\n2\tfine\n3\tbad \\! touch /tmp/x\n\\.\n" + FOOTER);
        assertThatThrownBy(() -> PlainDumpScanner.scan(bad, null)).isInstanceOf(LmsdbException.class)
                .hasMessageStartingWith("crafted.sql line 11: a backslash that is not a COPY escape (\\! touch /tmp/x)");
    }

    @Test
    void aFileCutShortLacksTheClosingLine() throws Exception {
        DumpContents contents = PlainDumpScanner.scan(write(HEADER + "CREATE TABLE public.t (id int);\n"), null);

        assertThat(contents.complete()).isFalse();
    }

    private Path write(String sql) throws Exception {
        Path file = dir.resolve("crafted.sql");
        Files.writeString(file, sql, StandardCharsets.UTF_8);
        return file;
    }
}
