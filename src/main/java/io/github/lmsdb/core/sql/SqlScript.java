package io.github.lmsdb.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements the way PostgreSQL's own lexer sees them: semicolons
 * inside quotes, dollar-quoted bodies, quoted identifiers and comments do not end a statement.
 * It does not interpret the statements; what they do is asked of PostgreSQL itself.
 */
public final class SqlScript {
    /** One statement and the line of the file where it starts (1-based). */
    public record Statement(String sql, int line) {
        /** The file line of a 1-based character position inside this statement (PostgreSQL's error position). */
        public int lineOf(int position) {
            int lines = 0;
            for (int i = 0; i < Math.min(position - 1, sql.length()); i++) {
                if (sql.charAt(i) == '\n') {
                    lines++;
                }
            }
            return line + lines;
        }
    }

    private SqlScript() {}

    public static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        int n = script.length();
        int start = 0;
        int line = 1;
        int startLine = 1;
        boolean content = false;
        // A SQL-standard routine body (CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END) holds semicolons: psql's own
        // heuristic tells it, counting BEGIN, CASE and END outside parentheses in a CREATE [OR REPLACE] FUNCTION or PROCEDURE.
        List<String> head = new ArrayList<>();
        int blocks = 0;
        int parentheses = 0;
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                        depth++;
                        i += 2;
                    } else if (d == '*' && i + 1 < n && script.charAt(i + 1) == '/') {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            if (!content && !Character.isWhitespace(c) && c != ';') {
                content = true;
                start = i;
                startLine = line;
            }
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '\'') {
                boolean backslashEscapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)) && script.charAt(i - 2) != '_');
                i++;
                while (i < n) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslashEscapes && d == '\\') {
                        if (i + 1 < n && script.charAt(i + 1) == '\n') {
                            line++;
                        }
                        i += 2;
                        continue;
                    }
                    if (d == '\'') {
                        if (i + 1 < n && script.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
            } else if (c == '"') {
                i++;
                while (i < n) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    i++;
                    if (d == '"') {
                        if (i < n && script.charAt(i) == '"') {
                            i++;
                            continue;
                        }
                        break;
                    }
                }
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int end = script.indexOf(tag, i + tag.length());
                int stop = end < 0 ? n : end + tag.length();
                for (int k = i; k < stop; k++) {
                    if (script.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = stop;
            } else if (c == ';' && blocks == 0) {
                if (content) {
                    statements.add(new Statement(script.substring(start, i).strip(), startLine));
                    content = false;
                }
                head.clear();
                parentheses = 0;
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(script.charAt(j)) || script.charAt(j) == '_' || script.charAt(j) == '$')) {
                    j++;
                }
                String word = script.substring(i, j).toLowerCase(java.util.Locale.ROOT);
                if (head.size() < 4) {
                    head.add(word);
                }
                if (parentheses == 0 && routine(head)) {
                    if (word.equals("begin") || word.equals("case") && blocks > 0) {
                        blocks++;
                    } else if (word.equals("end") && blocks > 0) {
                        blocks--;
                    }
                }
                i = j;
            } else if (c == '(') {
                parentheses++;
                i++;
            } else if (c == ')') {
                parentheses = Math.max(0, parentheses - 1);
                i++;
            } else {
                i++;
            }
        }
        if (content) {
            String last = script.substring(start).strip();
            if (!last.isEmpty()) {
                statements.add(new Statement(last, startLine));
            }
        }
        return statements;
    }

    /** Whether a statement starting with {@code head} (its first words, lower case) is CREATE [OR REPLACE] FUNCTION or PROCEDURE. */
    private static boolean routine(List<String> head) {
        if (head.size() < 2 || !head.get(0).equals("create")) {
            return false;
        }
        String kind = head.get(1).equals("or") && head.size() >= 4 && head.get(2).equals("replace") ? head.get(3) : head.get(1);
        return kind.equals("function") || kind.equals("procedure");
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or null when the dollar is something else ($1, a name). */
    private static String dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(s.charAt(j))) {
                return null;
            }
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }
}
