package io.github.lmsdb.core.migrate;

import java.util.regex.Pattern;

/** The naming of undo scripts: {@code U<version>__<description>.sql} beside {@code V<version>__<description>.sql}. */
public final class UndoScripts {
    private static final Pattern NAMING_NOTICE = Pattern.compile(".*did not follow the filename convention.*", Pattern.DOTALL);

    private UndoScripts() {}

    /** The undo script's file name for a version and Flyway's description of it ({@code AddUserRoles}). */
    public static String undoFileName(String version, String description) {
        return "U" + version + "__" + description.replace(' ', '_') + ".sql";
    }

    /** Flyway's notice about files it skipped, which in this plugin are the undo scripts. */
    static boolean isFlywayNamingNotice(String message) {
        return message != null && NAMING_NOTICE.matcher(message).matches();
    }
}
