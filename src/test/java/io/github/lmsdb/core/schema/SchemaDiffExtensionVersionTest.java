package io.github.lmsdb.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lmsdb.core.catalog.Catalog;
import io.github.lmsdb.core.error.LmsdbException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An extension's version goes up by ALTER EXTENSION ... UPDATE TO when the installed version has a
 * path to it; a downgrade has none and is refused by name. (The corpus cannot hold this pair: one
 * direction is an update, the other a refusal.)
 */
class SchemaDiffExtensionVersionTest {
    private static Catalog withHstore(String version, List<String> updates) {
        return new Catalog(List.of("public"), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of("hstore", new Catalog.Extension("hstore", version, "public", updates)), Map.of());
    }

    @Test
    void extensionVersionIsUpdatedAlongItsUpdatePath() throws LmsdbException {
        List<Change> changes = SchemaDiff.diff(withHstore("1.5", List.of("1.6", "1.7", "1.8")), withHstore("1.8", List.of()), SchemaDiff.Counts.NONE);

        assertThat(changes).extracting(Change::description).containsExactly("Changed extension: hstore (version 1.5 -> 1.8)");
        assertThat(SchemaDiff.statements(changes)).containsExactly("alter extension hstore update to '1.8'");
    }

    @Test
    void extensionDowngradeIsRefusedByName() {
        assertThatThrownBy(() -> SchemaDiff.diff(withHstore("1.8", List.of()), withHstore("1.5", List.of("1.6")), SchemaDiff.Counts.NONE))
                .isInstanceOf(LmsdbException.class)
                .hasMessageContaining("cannot change extension hstore from version 1.8 to 1.5: PostgreSQL has no update path between them");
    }
}
