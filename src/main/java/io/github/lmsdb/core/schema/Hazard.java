package io.github.lmsdb.core.schema;

/** Something a generated statement can do that the user should decide about. */
public record Hazard(Kind kind, String detail) {
    public enum Kind {
        DATA_LOSS("data loss"),
        TABLE_REWRITE("table rewrite"),
        NOT_NULL_ON_ROWS("not null on existing rows"),
        UNIQUE_ON_EXISTING_DATA("unique on existing data"),
        BLOCKING_INDEX_BUILD("index build blocks writes"),
        LOCKING_SCAN("scan under lock"),
        RENAME_NOT_GUESSED("possible rename"),
        VIEW_RESULT_CHANGE("view result changes"),
        TRIGGER_DROPPED("trigger dropped"),
        POLICY_DROPPED("policy dropped"),
        ROW_SECURITY_OFF("row-level security off"),
        PRIVILEGE_REVOKED("privilege revoked");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code HAZARD (data loss): users.email holds 5 values}. */
    public String describe() {
        return "HAZARD (" + kind.label() + "): " + detail;
    }
}
