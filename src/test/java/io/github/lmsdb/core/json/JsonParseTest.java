package io.github.lmsdb.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading back what {@link Json#write} writes (manifests), and refusing what is not JSON. */
class JsonParseTest {

    @Test
    void nestedDocumentRoundTripsThroughWriteAndParse() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "public.users");
        inner.put("rows", 1000L);
        inner.put("tags", Arrays.asList("a", null, true));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("zeta", "first key written");
        doc.put("escapes", "say \"hi\"\\ C:\\data\nnew line\r\ttab \u0001 \u001f / é ✓");
        doc.put("integer", 42L);
        doc.put("negative", -7L);
        doc.put("zero", 0L);
        doc.put("largest", Long.MAX_VALUE);
        doc.put("smallest", Long.MIN_VALUE);
        doc.put("decimal", 0.5);
        doc.put("negativeDecimal", -2.25);
        doc.put("whole", 3.0);
        doc.put("huge", 1.5e20);
        doc.put("tiny", 2.5e-7);
        doc.put("yes", true);
        doc.put("no", false);
        doc.put("nothing", null);
        doc.put("empty", "");
        doc.put("emptyList", new ArrayList<>());
        doc.put("emptyMap", new LinkedHashMap<>());
        doc.put("tables", List.of(inner, inner));
        doc.put("deep", List.of(List.of(List.of(Map.of("k", List.of(1L, 2.5, "x"))))));
        doc.put("", "empty key");

        Object parsed = Json.parse(Json.write(doc));

        assertThat(parsed).isEqualTo(doc);
        assertThat(new ArrayList<Object>(((Map<?, ?>) parsed).keySet())).containsExactlyElementsOf(doc.keySet());
    }

    @Test
    void integersAreLongsAndDecimalsAreDoubles() {
        assertThat(Json.parse("42")).isInstanceOf(Long.class).isEqualTo(42L);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("4.25")).isInstanceOf(Double.class).isEqualTo(4.25);
        assertThat(Json.parse("-1e3")).isInstanceOf(Double.class).isEqualTo(-1000.0);
        assertThat(Json.parse("2E2")).isEqualTo(200.0);
        assertThat(Json.parse(Json.write(1000))).isEqualTo(1000L);
    }

    @Test
    void whitespaceAroundTokensIsAllowed() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, 2L));
        expected.put("b", null);

        assertThat(Json.parse(" \n{ \"a\" : [ 1 , 2 ] ,\t\"b\" : null }\r\n ")).isEqualTo(expected);
    }

    @Test
    void escapesOfOtherWritersAreRead() {
        assertThat(Json.parse("\"\\u00e9\\/\\b\\f\\u0041\"")).isEqualTo("é/\b\fA");
    }

    @Test
    void truncatedObjectIsRefusedNamingTheEnd() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 6: expected ',' or '}'");
    }

    @Test
    void truncatedArrayIsRefusedNamingTheEnd() {
        assertThatThrownBy(() -> Json.parse("[1, 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 5: expected ',' or ']'");
    }

    @Test
    void truncatedStringIsRefused() {
        assertThatThrownBy(() -> Json.parse("{\"name\":\"lms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 12: unterminated string");
        assertThatThrownBy(() -> Json.parse("\"ends in a backslash\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 21: unterminated string");
    }

    @Test
    void truncatedAfterKeyIsRefused() {
        assertThatThrownBy(() -> Json.parse("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 5: unexpected end");
    }

    @Test
    void emptyDocumentIsRefused() {
        assertThatThrownBy(() -> Json.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 0: unexpected end");
        assertThatThrownBy(() -> Json.parse("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 3: unexpected end");
    }

    @Test
    void textAfterTheDocumentIsRefused() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 8: unexpected text after the document");
    }

    @Test
    void unquotedKeyIsRefused() {
        assertThatThrownBy(() -> Json.parse("{a:1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 1: expected a key");
    }

    @Test
    void trailingCommaIsRefusedAtTheClosingBracket() {
        assertThatThrownBy(() -> Json.parse("[1,]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 3: unexpected character ']'");
    }

    @Test
    void misspelledLiteralIsRefusedWhereItStarts() {
        assertThatThrownBy(() -> Json.parse("[true, nul]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 7: expected null");
        assertThatThrownBy(() -> Json.parse("fals"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 0: expected false");
    }

    @Test
    void badNumberIsRefused() {
        assertThatThrownBy(() -> Json.parse("[1.2.3]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at character ")
                .hasMessageEndingWith(": bad number 1.2.3");
        assertThatThrownBy(() -> Json.parse("-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at character ")
                .hasMessageEndingWith(": bad number -");
    }

    @Test
    void missingColonIsRefusedAtTheCharacterFoundInstead() {
        // Index 5 is the '1' that stands where the ':' should be; every other error names the offending character's index.
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 5: expected ':'");
    }

    @Test
    void shortUnicodeEscapeIsRefused() {
        assertThatThrownBy(() -> Json.parse("\"\\u12\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid JSON at character 3: short unicode escape");
    }

    @Test
    void unicodeEscapeWithNonHexDigitsIsRefusedNamingThePosition() {
        assertThatThrownBy(() -> Json.parse("\"\\uZZZZ\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at character ");
    }
}
