package dev.unikernel.luks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset the LUKS2 metadata area needs, without a dependency: objects become
 * insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>}, integers {@code Long},
 * other numbers {@code BigDecimal}, plus String, Boolean and null. Keeping the whole tree lets a
 * header rewrite preserve what we do not interpret (tokens written by systemd, unknown flags).
 */
final class Json {

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must fill {@code text} (surrounding white space allowed). */
    static Object parse(String text) throws LuksException {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Compact JSON text, as cryptsetup writes it (no spaces, '/' not escaped). */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(4096);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString((String) entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            case String string -> writeString(string, out);
            case Long number -> out.append(number.longValue());
            case Integer number -> out.append(number.intValue());
            case BigDecimal number -> out.append(number.toString());
            case Boolean bool -> out.append(bool.booleanValue());
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeString(String string, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object value(int depth) throws LuksException {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("JSON ends early");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) throws LuksException {
        Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected an object key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.put(key, value(depth + 1)) != null) {
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array(int depth) throws LuksException {
        List<Object> list = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws LuksException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("JSON ends inside a \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text, position, position + 4, 16));
                    } catch (NumberFormatException e) {
                        throw error("bad \\u escape");
                    }
                    position += 4;
                }
                default -> throw error("bad escape \\" + escape);
            }
        }
    }

    private Object number() throws LuksException {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        boolean integral = true;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c >= '0' && c <= '9') {
                position++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                position++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, position);
        try {
            if (integral) {
                return Long.parseLong(literal);
            }
            return new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw error("bad number " + literal);
        }
    }

    private Object literal(String word, Object value) throws LuksException {
        if (!text.startsWith(word, position)) {
            throw error("unexpected word");
        }
        position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private char peek() throws LuksException {
        if (position >= text.length()) {
            throw error("JSON ends early");
        }
        return text.charAt(position);
    }

    private char next() throws LuksException {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) throws LuksException {
        if (next() != c) {
            position--;
            throw error("expected '" + c + "'");
        }
    }

    private LuksException error(String what) {
        return new LuksException("LUKS2 metadata is not valid JSON: " + what + " at character " + position);
    }
}
