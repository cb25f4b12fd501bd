package dev.papertrader.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a comma-separated file one record per line, looking columns up by header name.
 * <p>
 * The header is the first non-blank line; names are matched case-insensitively after trimming, extra columns are
 * ignored. Blank lines are skipped, a leading byte-order mark is dropped, {@code \n} and {@code \r\n} both end a
 * line. Fields may be double-quoted (a doubled quote inside is one quote), but a quoted field cannot span lines:
 * one record per line is what makes every error point at one line number. Every error is an
 * {@link IllegalArgumentException} starting with {@code line N:}.
 */
final class CsvRecords {

    private final BufferedReader reader;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final List<String> fields = new ArrayList<>();
    private int lineNumber;

    /**
     * Reads the header and checks that every required column is present.
     *
     * @param requiredColumns lower-case names; an alternative set of names for one column is given as
     *                        {@code "a|b"} and resolved with {@link #column(String)}
     */
    CsvRecords(Reader csv, List<String> requiredColumns) {
        this.reader = csv instanceof BufferedReader buffered ? buffered : new BufferedReader(csv);
        String header = nextNonBlankLine();
        if (header == null) {
            throw new IllegalArgumentException("line 1: no header, the input is empty (expected columns "
                    + String.join(",", requiredColumns) + ")");
        }
        List<String> names = split(header);
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (columnIndex.putIfAbsent(name, i) != null) {
                repeated.add(name);
            }
        }
        for (String required : requiredColumns) {
            for (String name : required.split("\\|")) {
                if (repeated.contains(name)) {
                    throw error("header names column '" + name + "' twice");
                }
            }
        }
        List<String> missing = requiredColumns.stream().filter(required -> column(required) == null).toList();
        if (!missing.isEmpty()) {
            throw error("header lacks column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (header is '" + header.strip() + "')");
        }
    }

    /** The header name present for a column given as {@code "a|b"}, or null when none is present. */
    String column(String alternatives) {
        for (String name : alternatives.split("\\|")) {
            if (columnIndex.containsKey(name)) {
                return name;
            }
        }
        return null;
    }

    /** Advances to the next non-blank line; false at the end of the input. */
    boolean next() {
        String line = nextNonBlankLine();
        if (line == null) {
            return false;
        }
        fields.clear();
        fields.addAll(split(line));
        return true;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** The trimmed, non-empty text of a column in the current record. */
    String text(String column) {
        int index = columnIndex.get(column);
        String value = index < fields.size() ? fields.get(index).strip() : "";
        if (value.isEmpty()) {
            throw error("missing value for column '" + column + "'");
        }
        return value;
    }

    /** The exact decimal in a column of the current record, parsed without passing through a double. */
    BigDecimal decimal(String column) {
        String value = text(column);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw error("bad number in column '" + column + "': '" + value + "'");
        }
    }

    IllegalArgumentException error(String reason) {
        return new IllegalArgumentException("line " + lineNumber + ": " + reason);
    }

    IllegalArgumentException error(String reason, Throwable cause) {
        return new IllegalArgumentException("line " + lineNumber + ": " + reason, cause);
    }

    private String nextNonBlankLine() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV after line " + lineNumber, e);
        }
    }

    private List<String> split(String line) {
        List<String> result = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                result.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw error("unterminated quoted field");
        }
        result.add(field.toString());
        return result;
    }
}
