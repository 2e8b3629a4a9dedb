package io.github.lmsdb.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnTopLevelSemicolons() {
        List<SqlScript.Statement> statements = SqlScript.split("create table a (id int);\ninsert into a values (1);\nselect * from a;\n");

        assertThat(statements).extracting(SqlScript.Statement::sql)
                .containsExactly("create table a (id int)", "insert into a values (1)", "select * from a");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 2, 3);
    }

    @Test
    void semicolonInsideAStringWithDoubledQuotesDoesNotSplit() {
        assertThat(sqls("insert into t values ('it''s; fine', ';');\nselect 2;"))
                .containsExactly("insert into t values ('it''s; fine', ';')", "select 2");
    }

    @Test
    void semicolonInsideAnEscapeStringWithBackslashQuoteDoesNotSplit() {
        assertThat(sqls("insert into t values (E'it\\'s; fine', e'\\\\', e'a\\';b');\nselect 2;"))
                .containsExactly("insert into t values (E'it\\'s; fine', e'\\\\', e'a\\';b')", "select 2");
    }

    @Test
    void backslashInAPlainStringIsNotAnEscape() {
        // standard_conforming_strings: 'C:\' is a whole string, so the semicolon after it ends the statement.
        assertThat(sqls("select 'C:\\';\nselect 2;")).containsExactly("select 'C:\\'", "select 2");
    }

    @Test
    void identifierEndingInEBeforeAStringDoesNotMakeItAnEscapeString() {
        assertThat(sqls("select date'2023-11-14', type'a\\';\nselect 2;"))
                .containsExactly("select date'2023-11-14', type'a\\'", "select 2");
    }

    @Test
    void semicolonsInsideASqlStandardRoutineBodyDoNotSplit() {
        assertThat(sqls("""
                create function f(i int) returns int language sql
                begin atomic
                    select case when i > 0 then 1 else 0 end;
                    select (i + 1);
                end;
                CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC insert into t values (1); END;
                begin;
                create table "begin" (id int);
                commit;
                """)).containsExactly("""
                create function f(i int) returns int language sql
                begin atomic
                    select case when i > 0 then 1 else 0 end;
                    select (i + 1);
                end""", "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC insert into t values (1); END", "begin", "create table \"begin\" (id int)",
                "commit");
    }

    @Test
    void aDollarQuotedFunctionBodyWithBeginAndEndStillEndsAtItsSemicolon() {
        assertThat(sqls("create function g() returns trigger language plpgsql as $$ begin return new; end $$;\nselect 2;"))
                .containsExactly("create function g() returns trigger language plpgsql as $$ begin return new; end $$", "select 2");
    }

    @Test
    void semicolonInsideAQuotedIdentifierDoesNotSplit() {
        assertThat(sqls("create table \"semi;colon\" (\"a;b\" int, \"say \"\"hi\"\";\" int);\nselect 2;"))
                .containsExactly("create table \"semi;colon\" (\"a;b\" int, \"say \"\"hi\"\";\" int)", "select 2");
    }

    @Test
    void semicolonInsideALineCommentDoesNotSplit() {
        assertThat(sqls("select 1 -- not the end; really\n;\nselect 2; -- trailing; comment\n"))
                .containsExactly("select 1 -- not the end; really", "select 2");
    }

    @Test
    void semicolonInsideNestedBlockCommentsDoesNotSplit() {
        assertThat(sqls("select /* outer /* inner; */ still comment; */ 1;\nselect 2;"))
                .containsExactly("select /* outer /* inner; */ still comment; */ 1", "select 2");
    }

    @Test
    void semicolonsInsideDollarQuotedBodiesDoNotSplit() {
        String script = """
                create function a() returns trigger language plpgsql as $$
                begin
                    new.updated_at := now();
                    return new;
                end;
                $$;
                create function b() returns int language plpgsql as $fn$
                begin
                    perform 1; -- a $$ here is not the end of the body
                    return 2;
                end;
                $fn$;
                select 3;
                """;

        List<SqlScript.Statement> statements = SqlScript.split(script);

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly(
                "create function a() returns trigger language plpgsql as $$\nbegin\n    new.updated_at := now();\n    return new;\nend;\n$$",
                "create function b() returns int language plpgsql as $fn$\nbegin\n    perform 1; -- a $$ here is not the end of the body\n"
                        + "    return 2;\nend;\n$fn$",
                "select 3");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 7, 13);
    }

    @Test
    void positionalParametersAndDollarsInNamesAreNotDollarQuotes() {
        assertThat(sqls("prepare q(int, int) as select $1, $2;\ncreate table x (a$b$c int);\nselect 3;"))
                .containsExactly("prepare q(int, int) as select $1, $2", "create table x (a$b$c int)", "select 3");
    }

    @Test
    void finalStatementWithoutSemicolonIsKept() {
        List<SqlScript.Statement> statements = SqlScript.split("select 1;\n\nselect\n  2\n");

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly("select 1", "select\n  2");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 3);
    }

    @Test
    void emptyStatementsAreSkipped() {
        assertThat(sqls(";;\n  ;\n")).isEmpty();
        assertThat(sqls("select 1;;; ;select 2;")).containsExactly("select 1", "select 2");
    }

    @Test
    void blankOrCommentOnlyTextGivesNoStatements() {
        assertThat(sqls("")).isEmpty();
        assertThat(sqls("  \n\t\n")).isEmpty();
        assertThat(sqls("-- only a comment\n/* and a /* nested */ block; */\n-- last line without newline")).isEmpty();
    }

    @Test
    void statementLineIsWhereItStartsAfterLeadingComments() {
        String script = "-- header\n-- more; of it\n\n/* block\n comment; */\ncreate table a (id int);\n\nselect\n  1;\n";

        List<SqlScript.Statement> statements = SqlScript.split(script);

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly("create table a (id int)", "select\n  1");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(6, 8);
    }

    @Test
    void statementsSharingALineHaveThatLine() {
        assertThat(SqlScript.split("select 1; select 2;\nselect 3;")).extracting(SqlScript.Statement::line).containsExactly(1, 1, 2);
    }

    @Test
    void linesInsideStringsDollarBodiesIdentifiersAndCommentsAreCounted() {
        String script = "select 'a\nb';\nselect $$x\ny$$;\nselect \"c\nd\";\nselect /* e\nf */ 1;\nselect E'g\\'\nh';\nselect 6;";

        assertThat(SqlScript.split(script)).extracting(SqlScript.Statement::line).containsExactly(1, 3, 5, 7, 9, 11);
    }

    @Test
    void backslashEscapedNewlineInAnEscapeStringIsCounted() {
        assertThat(SqlScript.split("select E'a\\\nb';\nselect 2;")).extracting(SqlScript.Statement::line).containsExactly(1, 3);
    }

    @Test
    void lineOfMapsAPositionInsideTheStatementToTheFileLine() {
        String script = "-- comment\n\n\n\nselect\n  1,\n  nope\nfrom t;\n";
        SqlScript.Statement statement = SqlScript.split(script).get(0);
        assertThat(statement.sql()).isEqualTo("select\n  1,\n  nope\nfrom t");
        assertThat(statement.line()).isEqualTo(5);

        assertThat(statement.lineOf(1)).isEqualTo(5);
        assertThat(statement.lineOf(7)).isEqualTo(5); // the newline ending line 5
        assertThat(statement.lineOf(8)).isEqualTo(6);
        assertThat(statement.lineOf(statement.sql().indexOf("nope") + 1)).isEqualTo(7);
        assertThat(statement.lineOf(statement.sql().indexOf("from") + 1)).isEqualTo(8);
        assertThat(statement.lineOf(1000)).isEqualTo(8);
    }

    private static List<String> sqls(String script) {
        return SqlScript.split(script).stream().map(SqlScript.Statement::sql).toList();
    }
}
