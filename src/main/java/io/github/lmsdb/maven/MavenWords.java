package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.Hint;
import java.util.stream.Collectors;

/** The plugin's commands and settings as a Maven user types them: {@code mvn lmsdb:migrate -Dlmsdb.confirm=lms_db}. */
public final class MavenWords implements Hint.Words {
    public static final MavenWords INSTANCE = new MavenWords();

    private MavenWords() {}

    @Override
    public String run(Hint.Run run) {
        String settings = run.settings().stream().map(this::setting).collect(Collectors.joining(" "));
        String phases = run.after().stream().map(p -> p + " ").collect(Collectors.joining());
        return "mvn " + phases + "lmsdb:" + run.goal() + (settings.isEmpty() ? "" : " " + settings);
    }

    @Override
    public String setting(Hint.Setting setting) {
        return "-Dlmsdb." + setting.parameter() + (setting.value() == null ? "" : "=" + setting.value());
    }

    /** A hint's lines in Maven's words. */
    public static String render(Hint hint) {
        return hint.render(INSTANCE);
    }
}
