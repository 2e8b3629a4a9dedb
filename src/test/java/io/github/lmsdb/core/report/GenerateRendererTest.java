package io.github.lmsdb.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.generate.KeptObjects.Kept;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateRendererTest {
    @Test
    void keptObjectsAreListedOneLinePerTableThenByKind() {
        List<Kept> kept = List.of(
                new Kept("public.users", "check constraint", "users_email_check", null),
                new Kept("public.users", "default", "role", "'student'::text"),
                new Kept("public.users", "default", "created_at", "now()"),
                new Kept("public.users", "index", "public.users_email_lower_key", "on an expression"),
                new Kept("public.users", "trigger", "users_set_updated_at", null),
                new Kept("public.users", "table comment", null, null),
                new Kept("public.audit", "table", null, null),
                new Kept(null, "function", "public.set_updated_at()", null),
                new Kept(null, "view", "public.b_view", null),
                new Kept(null, "view", "public.a_view", null));
        assertThat(GenerateRenderer.keptByTable(kept)).containsExactly(
                "- public.audit: the whole table (no entity maps it)",
                "- public.users: check constraint users_email_check; defaults of created_at (now()), role ('student'::text); "
                        + "index users_email_lower_key (on an expression); trigger users_set_updated_at; table comment",
                "- function public.set_updated_at()",
                "- views public.a_view, public.b_view");
        assertThat(kept.get(0).describe()).isEqualTo("check constraint public.users.users_email_check");
        assertThat(kept.get(3).describe()).isEqualTo("index public.users_email_lower_key on public.users (on an expression)");
    }
}
