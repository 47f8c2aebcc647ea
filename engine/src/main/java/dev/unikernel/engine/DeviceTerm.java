package dev.unikernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One term of a device stack such as {@code fat(luks(disk))}: a word, which is a provider's name or
 * else the name of another device, and the terms it is applied to.
 */
public record DeviceTerm(String word, List<DeviceTerm> arguments) {

    public DeviceTerm {
        arguments = List.copyOf(arguments);
    }

    /** Parses {@code fat(luks(disk))}; {@code context} names where it came from in the message of a syntax error. */
    public static DeviceTerm parse(String text, String context) throws UnikernelException {
        Parser parser = new Parser(text, context);
        DeviceTerm term = parser.term();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return term;
    }

    @Override
    public String toString() {
        return arguments.isEmpty() ? word
                : word + arguments.stream().map(DeviceTerm::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static final class Parser {
        private final String text;
        private final String context;
        private int position;

        Parser(String text, String context) {
            this.text = text;
            this.context = context;
        }

        DeviceTerm term() throws UnikernelException {
            skipSpaces();
            int start = position;
            while (position < text.length() && isWordCharacter(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error(position < text.length() ? "expected a provider or device name at '" + text.charAt(position) + "'"
                        : "expected a provider or device name at the end");
            }
            String word = text.substring(start, position);
            List<DeviceTerm> arguments = new ArrayList<>();
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '(') {
                position++;
                do {
                    arguments.add(term());
                    skipSpaces();
                } while (position < text.length() && text.charAt(position) == ',' && ++position > 0);
                if (position >= text.length() || text.charAt(position) != ')') {
                    throw error("missing ')'");
                }
                position++;
            }
            return new DeviceTerm(word, arguments);
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        UnikernelException error(String problem) {
            return new UnikernelException(context + " does not parse: " + problem + " (column " + (position + 1)
                    + "); a device stack reads like fat(luks(disk))");
        }

        private static boolean isWordCharacter(char c) {
            return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
        }
    }
}
