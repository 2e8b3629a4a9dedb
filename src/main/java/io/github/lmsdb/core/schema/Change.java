package io.github.lmsdb.core.schema;

import java.util.List;

/**
 * One difference between two catalogs and the statements that remove it.
 *
 * @param phase where its statements go in the script when no dependency between objects says otherwise
 *     (see {@link DependencyOrder}): drops before alterations before creations, then the late drops
 * @param description the line shown to the user: {@code New column: users.avatar_url (character varying(500))}
 * @param counter what it counts as in the summary: {@code column added}, {@code index dropped}, ...
 * @param statements the DDL, in order
 * @param hazards what can go wrong when it runs
 */
public record Change(int phase, String description, String counter, String table, List<String> statements, List<Hazard> hazards) {
    public Change {
        statements = List.copyOf(statements);
        hazards = List.copyOf(hazards);
    }

    /** The statement phases, in script order where the dependencies of the objects do not reorder them. */
    static final int DROP_TRIGGER = 5;
    /** Before the columns and functions their expressions use go. */
    static final int DROP_POLICY = 7;
    static final int DROP_VIEW = 10;
    static final int RELEASE_SEQUENCE = 15;
    static final int DROP_FOREIGN_KEY = 20;
    static final int DROP_INDEX = 30;
    static final int DROP_CONSTRAINT = 40;
    static final int DROP_COLUMN = 50;
    static final int DROP_TABLE = 60;
    static final int DROP_SEQUENCE = 70;
    static final int CREATE_SCHEMA = 75;
    /** After the schema it goes in, before the types, tables and functions that use its types and functions. */
    static final int CREATE_EXTENSION = 77;
    static final int CREATE_TYPE = 80;
    static final int ALTER_TYPE = 85;
    /** Before the tables, defaults, checks, views and triggers that may use them. */
    static final int CREATE_FUNCTION = 87;
    /** A range type whose subtype_diff function is created just before. */
    static final int CREATE_TYPE_AFTER_FUNCTIONS = 88;
    static final int CREATE_SEQUENCE = 90;
    static final int CREATE_TABLE = 100;
    /** After their parents (by depth), before the indexes and constraints that reach down to them. */
    static final int CREATE_PARTITION = 105;
    static final int ADD_COLUMN = 110;
    static final int ALTER_COLUMN = 120;
    static final int SEQUENCE_OWNER = 125;
    static final int ADD_CONSTRAINT = 130;
    /** INHERIT and NO INHERIT: after the columns and check constraints PostgreSQL matches against the parent. */
    static final int INHERIT = 135;
    static final int CREATE_INDEX = 140;
    static final int ADD_FOREIGN_KEY = 150;
    static final int CREATE_VIEW = 160;
    static final int CREATE_INDEX_ON_VIEW = 165;
    /** After the index it may name. */
    static final int REPLICA_IDENTITY = 166;
    /** After their tables, views and functions. */
    static final int CREATE_TRIGGER = 167;
    /** Policies and row-level security flags: after the columns, functions and tables their expressions use. */
    static final int CREATE_POLICY = 168;
    /** On objects that exist by then, whether new or kept. */
    static final int GRANT = 169;
    static final int COMMENT = 170;
    /** After everything that used them is gone, before the types their signatures name. */
    /** A range type that uses a function (subtype_diff): before that function goes. */
    static final int DROP_TYPE_BEFORE_FUNCTIONS = 174;
    static final int DROP_FUNCTION = 175;
    static final int DROP_TYPE = 180;
    /** After everything that used its types and functions, before its schema. */
    static final int DROP_EXTENSION = 185;
    static final int DROP_SCHEMA = 190;
}
