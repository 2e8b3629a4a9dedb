package io.github.lmsdb.core.backup;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain SQL dump the way psql will, before psql does, and refuses every psql meta-command
 * other than the ones pg_dump writes: psql would run {@code \! cmd} (a shell), {@code \o |cmd},
 * {@code \i file}, {@code \connect other_db} (writes into another database) and so on from the file.
 *
 * <p>It tracks psql's lexical states (quoted literals, quoted identifiers, dollar quotes, nested
 * comments, parentheses) to find statements and the data of {@code COPY ... FROM stdin} (up to a
 * line {@code \.}). Where psql and this scanner could read a file differently it refuses instead of
 * guessing, and it adds two checks that hold whatever the state: a line that starts with a
 * backslash outside COPY data must be one pg_dump writes, and inside COPY data every backslash must
 * start one of COPY's own escapes. Along the way it notes what the dump holds (tables, constraints,
 * tables with rows, and whether pg_dump's closing line is there) for restores without a manifest.
 */
final class PlainDumpScanner extends OutputStream {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_\\x80-\\xff][A-Za-z0-9_$\\x80-\\xff]*)";
    private static final Pattern COPY_FROM_STDIN = Pattern.compile(
            "\\s*COPY\\s+(" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?[^;]*\\bFROM\\s+STDIN\\b[^;]*;\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(" + IDENT + ")\\s*\\.\\s*(" + IDENT + ").*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "\\s*ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(" + IDENT + ")\\s*\\.\\s*(" + IDENT + ")\\s+ADD\\s+CONSTRAINT\\s+(" + IDENT + ").*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ALLOWED_META = Pattern.compile("\\s*\\\\(restrict|unrestrict)\\s+[A-Za-z0-9]+\\s*"
            + "|\\s*\\\\connect\\s+-(\\s+" + IDENT + ")?\\s*");
    private static final Pattern COPY_ESCAPE_FOLLOWER = Pattern.compile("[Nbfnrtv\\\\0-7x]");
    private static final String COMPLETE = "-- PostgreSQL database dump complete";

    private enum State { NORMAL, QUOTE, IDENTIFIER, DOLLAR, COMMENT }

    private final String fileName;
    private final boolean refuse;
    private final OutputStream copy;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder statement = new StringBuilder();
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private int parens;
    private int backslashRun;
    private long lineNumber;
    private String copyTable;
    private long copyRows;
    private final List<DumpContents.CopyBlock> copies = new ArrayList<>();
    private LmsdbException refusal;

    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<String> constraints = new LinkedHashSet<>();
    private final Set<String> tablesWithRows = new LinkedHashSet<>();
    private boolean complete;

    /**
     * @param refuse whether a meta-command is refused (a file to restore) or ignored (pg_restore's own output, read for its contents)
     * @param copy where the scanned bytes go (a private copy for psql), or null
     */
    PlainDumpScanner(String fileName, boolean refuse, OutputStream copy) {
        this.fileName = fileName;
        this.refuse = refuse;
        this.copy = copy;
    }

    /** Scans {@code file}, copying it to {@code copy} when given; refuses a meta-command. */
    static DumpContents scan(Path file, OutputStream copy) throws LmsdbException {
        PlainDumpScanner scanner = new PlainDumpScanner(file.getFileName().toString(), true, copy);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(scanner);
            scanner.close();
        } catch (IOException e) {
            if (scanner.refusal != null) {
                throw scanner.refusal;
            }
            throw new LmsdbException("Cannot read " + file + ": " + e.getMessage(), "  Check the file's permissions.", e);
        }
        return scanner.contents();
    }

    /**
     * Feeds a plain file to psql's stdin in one pass: each block read is hashed, scanned, and every
     * line the scan passes goes on to psql, so psql reads exactly the bytes scanned and a refused
     * line never reaches it (the feed fails, and the runner stops psql before closing its input).
     * When psql stops reading (it failed), the rest of the file is still read and hashed, so that
     * a damaged file can be named as such rather than by psql's symptom.
     */
    static final class Feed implements ProcessRunner.Feeder {
        private final Path file;
        private PlainDumpScanner scanner;
        private Checksums.Hashing hashing;
        private boolean whole;

        Feed(Path file) {
            this.file = file;
        }

        @Override
        public void feed(OutputStream toTool) throws IOException {
            ProcessRunner.ToolInput tool = new ProcessRunner.ToolInput(new java.io.BufferedOutputStream(toTool, ProcessRunner.BUFFER));
            scanner = new PlainDumpScanner(file.getFileName().toString(), true, tool);
            hashing = new Checksums.Hashing(scanner);
            byte[] buffer = new byte[ProcessRunner.BUFFER];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    hashing.write(buffer, 0, n);
                }
            }
            scanner.close();
            tool.flush();
            whole = true;
        }

        /** The scan's refusal of a line (a meta-command, a bad COPY escape), or null. */
        LmsdbException refusal() {
            return scanner == null ? null : scanner.refusal;
        }

        /** The SHA-256 of the whole file, or null when it was not read to the end. */
        String sha256() {
            return whole ? hashing.sha256() : null;
        }

        DumpContents contents() {
            return scanner.contents();
        }
    }

    DumpContents contents() {
        return new DumpContents(tables, constraints, tablesWithRows, complete, copies);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            int nl = i;
            while (nl < end && b[nl] != '\n') {
                nl++;
            }
            if (nl == end) {
                // Held until its line is complete: the copy gets whole scanned lines only.
                line.append(new String(b, i, end - i, StandardCharsets.ISO_8859_1));
                return;
            }
            if (line.length() == 0 && copyRow(b, i, nl)) {
                if (copy != null) {
                    copy.write(b, i, nl + 1 - i);
                }
            } else {
                line.append(new String(b, i, nl - i, StandardCharsets.ISO_8859_1));
                endLine(true);
            }
            i = nl + 1;
        }
    }

    /**
     * The fast path for the bulk of a dump: a whole line of COPY data whose backslashes are all
     * COPY escapes, checked and counted on the bytes, without making a string of it. False for
     * anything else (the end-of-data line, a line outside COPY data, a bad escape), which then
     * takes the path that reads it as text and refuses it with its line number.
     */
    private boolean copyRow(byte[] b, int start, int newline) {
        if (copyTable == null) {
            return false;
        }
        int end = newline > start && b[newline - 1] == '\r' ? newline - 1 : newline;
        if (end - start == 2 && b[start] == '\\' && b[start + 1] == '.') {
            return false;
        }
        for (int j = start; j < end; j++) {
            if (b[j] == '\\') {
                if (j + 1 >= end || !copyEscapeFollower(b[j + 1])) {
                    return false;
                }
                j++;
            }
        }
        lineNumber++;
        if (copyRows++ == 0) {
            tablesWithRows.add(copyTable);
        }
        return true;
    }

    /** What may follow a backslash in COPY's text format: {@code N b f n r t v \ 0-7 x}. */
    private static boolean copyEscapeFollower(byte c) {
        return c == 'N' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == 'v' || c == '\\' || c == 'x' || (c >= '0' && c <= '7');
    }

    @Override
    public void close() throws IOException {
        if (line.length() > 0) {
            endLine(false);
        }
    }

    /** Scans the held line, then passes it on (ISO-8859-1 gives back the very bytes read). */
    private void endLine(boolean newline) throws IOException {
        String text = line.toString();
        endLine();
        if (copy != null) {
            copy.write((newline ? text + "\n" : text).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void endLine() throws IOException {
        lineNumber++;
        String text = line.toString();
        line.setLength(0);
        try {
            scanLine(text);
        } catch (LmsdbException e) {
            refusal = e;
            throw new IOException(e.getMessage(), e);
        }
    }

    private void scanLine(String raw) throws LmsdbException {
        String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (copyTable != null) {
            copyData(text);
            return;
        }
        if (text.equals(COMPLETE)) {
            complete = true;
        }
        if (text.stripLeading().startsWith("\\")) {
            boolean allowed = state == State.NORMAL && statement.toString().isBlank() && ALLOWED_META.matcher(text).matches();
            if (!allowed) {
                fail(text.strip(), "a psql meta-command");
            }
            return;
        }
        lex(text);
    }

    private void copyData(String text) throws LmsdbException {
        if (text.equals("\\.")) {
            copies.add(new DumpContents.CopyBlock(copyTable, copyRows));
            copyTable = null;
            return;
        }
        copyRows++;
        tablesWithRows.add(copyTable);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                if (i + 1 >= text.length() || !COPY_ESCAPE_FOLLOWER.matcher(String.valueOf(text.charAt(i + 1))).matches()) {
                    fail(text.substring(i, Math.min(text.length(), i + 40)), "a backslash that is not a COPY escape");
                }
                i++;
            }
        }
    }

    private void lex(String text) throws LmsdbException {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            switch (state) {
                case NORMAL -> {
                    if (c == '-' && next == '-') {
                        i = n; // a comment to the end of the line
                    } else if (c == '/' && next == '*') {
                        state = State.COMMENT;
                        commentDepth = 1;
                        i++;
                    } else if (c == '\'') {
                        state = State.QUOTE;
                        backslashRun = 0;
                        statement.append("''");
                    } else if (c == '"') {
                        state = State.IDENTIFIER;
                        statement.append('"');
                    } else if (c == '$' && dollarTag(text, i) != null) {
                        dollarTag = dollarTag(text, i);
                        state = State.DOLLAR;
                        statement.append("$$");
                        i += dollarTag.length() - 1;
                    } else if (isIdentStart(c)) {
                        int end = i + 1;
                        while (end < n && isIdentCont(text.charAt(end))) {
                            end++;
                        }
                        statement.append(text, i, end);
                        i = end - 1;
                    } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
                        i = number(text, i) - 1;
                    } else if (c == '\\') {
                        fail(text.substring(i).strip(), "a psql meta-command");
                    } else if (c == '(') {
                        parens++;
                        statement.append(c);
                    } else if (c == ')') {
                        parens = Math.max(0, parens - 1);
                        statement.append(c);
                    } else if (c == ';' && parens == 0) {
                        statement.append(c);
                        endStatement(text.substring(i + 1));
                        if (copyTable != null) {
                            return;
                        }
                    } else {
                        statement.append(c);
                    }
                }
                case QUOTE -> {
                    if (c == '\\') {
                        backslashRun++;
                    } else if (c == '\'') {
                        if (backslashRun % 2 == 1) {
                            // psql reads \' as the end of the literal or as a quote inside it depending on
                            // standard_conforming_strings, which the file itself can change: refuse to guess.
                            fail(text.strip(), "a quote after a backslash in a string literal (psql could read it either way)");
                        }
                        backslashRun = 0;
                        if (next == '\'') {
                            i++;
                        } else {
                            state = State.NORMAL;
                        }
                    } else {
                        backslashRun = 0;
                    }
                }
                case IDENTIFIER -> {
                    statement.append(c);
                    if (c == '"') {
                        if (next == '"') {
                            statement.append(next);
                            i++;
                        } else {
                            state = State.NORMAL;
                        }
                    }
                }
                case DOLLAR -> {
                    if (c == '$' && text.startsWith(dollarTag, i)) {
                        i += dollarTag.length() - 1;
                        state = State.NORMAL;
                    }
                }
                case COMMENT -> {
                    if (c == '/' && next == '*') {
                        commentDepth++;
                        i++;
                    } else if (c == '*' && next == '/') {
                        i++;
                        if (--commentDepth == 0) {
                            state = State.NORMAL;
                        }
                    }
                }
            }
        }
        if (state == State.NORMAL || state == State.IDENTIFIER) {
            statement.append('\n');
        }
        if (state == State.QUOTE) {
            backslashRun = 0;
        }
    }

    /** A number as psql reads it: digits, a fraction, an exponent, then at most one letter of junk. */
    private int number(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n && Character.isDigit(text.charAt(j))) {
            j++;
        }
        if (j < n && text.charAt(j) == '.' && !(j + 1 < n && text.charAt(j + 1) == '.')) {
            j++;
            while (j < n && Character.isDigit(text.charAt(j))) {
                j++;
            }
        }
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            if (k < n && Character.isDigit(text.charAt(k))) {
                j = k;
                while (j < n && Character.isDigit(text.charAt(j))) {
                    j++;
                }
            }
        }
        if (j < n && isIdentStart(text.charAt(j))) {
            j++;
        }
        statement.append(text, i, j);
        return j;
    }

    /** {@code $tag$} starting at {@code i}, or null ({@code $1} is a parameter, not a quote). */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        if (j < text.length() && isIdentStart(text.charAt(j))) {
            j++;
            while (j < text.length() && isIdentCont(text.charAt(j)) && text.charAt(j) != '$') {
                j++;
            }
        }
        return j < text.length() && text.charAt(j) == '$' ? text.substring(i, j + 1) : null;
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private void endStatement(String rest) throws LmsdbException {
        String sql = statement.toString();
        statement.setLength(0);
        Matcher copyFrom = COPY_FROM_STDIN.matcher(sql);
        if (copyFrom.matches()) {
            if (!rest.isBlank()) {
                fail(rest.strip(), "text after a COPY ... FROM stdin statement");
            }
            copyTable = copyFrom.group(2) == null ? name(copyFrom.group(1)) : name(copyFrom.group(1)) + "." + name(copyFrom.group(2));
            copyRows = 0;
            return;
        }
        Matcher create = CREATE_TABLE.matcher(sql);
        if (create.matches()) {
            tables.add(name(create.group(1)) + "." + name(create.group(2)));
        }
        Matcher constraint = ADD_CONSTRAINT.matcher(sql);
        if (constraint.matches()) {
            constraints.add(DumpContents.constraint(name(constraint.group(1)), name(constraint.group(2)), name(constraint.group(3))));
        }
    }

    /** An identifier as PostgreSQL stores it: quoted ones as written, others in lower case; bytes back to UTF-8. */
    private static String name(String ident) {
        String n = ident.startsWith("\"") ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"") : ident.toLowerCase(Locale.ROOT);
        return new String(n.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private void fail(String found, String what) throws LmsdbException {
        if (!refuse) {
            return;
        }
        String shown = new String(found.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        throw new LmsdbException(
                fileName + " line " + lineNumber + ": " + what + " (" + shown + "), which psql would run. pg_dump writes no such line, "
                        + "so the file was changed or did not come from pg_dump. It is not restored.",
                Hint.line("Restore a backup written by ", Hint.run("backup"), " or by pg_dump, or remove that line if you trust the rest of the file."));
    }
}
