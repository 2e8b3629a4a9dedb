package io.github.lmsdb.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(Json.write("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(Json.write("C:\\data\\lms")).isEqualTo("\"C:\\\\data\\\\lms\"");
    }

    @Test
    void newlineCarriageReturnAndTabUseShortEscapes() {
        assertThat(Json.write("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
    }

    @Test
    void otherControlCharactersUseUnicodeEscapes() {
        assertThat(Json.write("\u0000\u0001\u001b\u001f")).isEqualTo("\"\\u0000\\u0001\\u001b\\u001f\"");
        assertThat(Json.write("\b\f")).isEqualTo("\"\\u0008\\u000c\"");
    }

    @Test
    void nonAsciiTextIsKeptAsIs() {
        assertThat(Json.write("Größe ✓ 日本")).isEqualTo("\"Größe ✓ 日本\"");
    }

    @Test
    void everyEscapedStringReadsBackToTheOriginal() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("\u00e9\u2028\u2713");
        String original = all.toString();

        assertThat(JsonReader.read(Json.write(original))).isEqualTo(original);
    }

    @Test
    void nullIsNull() {
        assertThat(Json.write(null)).isEqualTo("null");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("last", null);
        assertThat(Json.write(map)).isEqualTo("{\"last\":null}");
        assertThat(Json.write(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
    }

    @Test
    void numbersAreWrittenBare() {
        assertThat(Json.write(3)).isEqualTo("3");
        assertThat(Json.write(-12)).isEqualTo("-12");
        assertThat(Json.write(47_395_635L)).isEqualTo("47395635");
        assertThat(Json.write(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(Json.write(1.5)).isEqualTo("1.5");
        assertThat(Json.write(new BigDecimal("45.20"))).isEqualTo("45.20");
    }

    @Test
    void booleansAreWrittenBare() {
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(false)).isEqualTo("false");
    }

    @Test
    void mapsKeepInsertionOrderAndAreCompact() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", "x");
        map.put("m", true);

        assertThat(Json.write(map)).isEqualTo("{\"z\":1,\"a\":\"x\",\"m\":true}");
    }

    @Test
    void keysAreEscapedLikeValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("we\"ird\nkey", 1);

        assertThat(Json.write(map)).isEqualTo("{\"we\\\"ird\\nkey\":1}");
    }

    @Test
    void emptyMapAndListAreEmptyBrackets() {
        assertThat(Json.write(Map.of())).isEqualTo("{}");
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.list()).isEmpty();
    }

    @Test
    void nestedMapsAndListsAreWrittenInside() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", "2");
        entry.put("installedOn", null);
        Map<String, Object> migrations = new LinkedHashMap<>();
        migrations.put("pending", 1);
        migrations.put("pendingMigrations", List.of(entry));
        List<Object> tables = Json.list();
        tables.add(List.of(1, "two", false));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("migrations", migrations);
        doc.put("tables", tables);

        String json = Json.write(doc);

        assertThat(json).isEqualTo(
                "{\"migrations\":{\"pending\":1,\"pendingMigrations\":[{\"version\":\"2\",\"installedOn\":null}]},"
                        + "\"tables\":[[1,\"two\",false]]}");
        assertThat(JsonReader.read(json)).isEqualTo(Map.of(
                "migrations", Map.of("pending", new BigDecimal("1"), "pendingMigrations", List.of(nullable("version", "2", "installedOn"))),
                "tables", List.of(List.of(new BigDecimal("1"), "two", false))));
    }

    @Test
    void otherCollectionsAreArrays() {
        assertThat(Json.write(new TreeSet<>(List.of("b", "a")))).isEqualTo("[\"a\",\"b\"]");
        assertThat(Json.write(new ArrayDeque<>(List.of(1, 2)))).isEqualTo("[1,2]");
    }

    @Test
    void pathIsWrittenAsItsStringNotAsTheIterableOfItsNames() {
        // Path is an Iterable of Paths whose single element is itself: treating it as an array would never end.
        Path path = Path.of("db", "migration");

        assertThat(Json.write(path)).isEqualTo(Json.write(path.toString()));
        assertThat(Json.write(Path.of("migration"))).isEqualTo("\"migration\"");
    }

    @Test
    void otherObjectsAreWrittenAsTheirStringForm() {
        assertThat(Json.write(new StringBuilder("quo\"te"))).isEqualTo("\"quo\\\"te\"");
        assertThat(Json.write(Instant.parse("2023-11-14T11:05:00Z"))).isEqualTo("\"2023-11-14T11:05:00Z\"");
    }

    private static Map<String, Object> nullable(String key, Object value, String nullKey) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        map.put(nullKey, null);
        return map;
    }
}
