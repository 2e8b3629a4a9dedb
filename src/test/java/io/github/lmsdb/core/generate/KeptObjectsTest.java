package io.github.lmsdb.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.catalog.Catalog;
import org.junit.jupiter.api.Test;

class KeptObjectsTest {
    @Test
    void checksAreTheSameUpToTheOrderOfTheirAndedTerms() {
        Catalog.Constraint db = new Catalog.Constraint("book_pages_check", "c", "CHECK (((pages >= 1) AND (pages <= 5000)))");
        Catalog.Constraint hibernate = new Catalog.Constraint("book_pages_check", "c", "CHECK (((pages <= 5000) AND (pages >= 1)))");
        assertThat(KeptObjects.same(db, hibernate)).isTrue();
        assertThat(KeptObjects.same(db, new Catalog.Constraint("x", "c", "CHECK (((pages <= 5000) AND (pages >= 2)))"))).isFalse();
        assertThat(KeptObjects.same(db, new Catalog.Constraint("x", "c", "CHECK (((pages >= 1) OR (pages <= 5000)))"))).isFalse();
    }

    @Test
    void theTermsOfACheckIgnoreParenthesesAndQuotedAnd() {
        assertThat(KeptObjects.conjuncts("CHECK ((((a > 0) AND (b > 0)) AND (c = ' AND (')))"))
                .containsExactly("a > 0", "b > 0", "c = ' AND ('");
        assertThat(KeptObjects.conjuncts("UNIQUE (a)")).isNull();
        // A quoted identifier may hold what a literal may (the scan once knew only literals), and a doubled quote its quote.
        assertThat(KeptObjects.conjuncts("CHECK (((\"x) AND (y\" > 0) AND (note <> 'it''s (')))"))
                .containsExactly("\"x) AND (y\" > 0", "note <> 'it''s ('");
    }
}
