package dev.unikernel.examples.sftp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options before the key on an authorized_keys line, read as OpenSSH's sshd reads them (sshd(8),
 * "AUTHORIZED_KEYS FILE FORMAT"): comma-separated, names in any case, values in double quotes where
 * a comma or a space is plain text and {@code \"} is a quote. What a server that offers only SFTP
 * cannot honour is an error, so a restriction is never dropped without a word:
 * <ul>
 * <li>{@code from=} and {@code expiry-time=} are enforced at login;
 * <li>{@code command="internal-sftp"} is what this server runs anyway, {@code -R} makes it read-only;
 * any other command is an error;
 * <li>{@code restrict}, the {@code no-*} options, {@code permitopen=}, {@code permitlisten=} and
 * {@code tunnel=} are accepted: no pty, shell, forwarding, agent, X11 or user rc is offered, so they
 * hold already; {@code pty}, {@code port-forwarding} and the other {@code permit} flags grant nothing here;
 * <li>{@code environment=} is checked and ignored, as sshd does with {@code PermitUserEnvironment no};
 * <li>{@code cert-authority} trusts OpenSSH user certificates signed by the line's key, for the
 * login name or the names of {@code principals=} ({@link AuthorizedKeys});
 * <li>the FIDO options ({@code touch-required}, {@code no-touch-required}, {@code verify-required})
 * are errors: this server does not accept FIDO keys.
 * </ul>
 */
final class AuthorizedKeyOptions {

    /** Flags that restrict or grant something this server never offers. */
    private static final Set<String> NO_EFFECT_FLAGS = Set.of("restrict",
            "no-port-forwarding", "port-forwarding", "no-agent-forwarding", "agent-forwarding",
            "no-x11-forwarding", "x11-forwarding", "no-pty", "pty", "no-user-rc", "user-rc");
    private static final Set<String> UNSUPPORTED_FLAGS = Set.of("touch-required", "no-touch-required",
            "verify-required");
    private static final Set<String> VALUED = Set.of("command", "from", "expiry-time", "environment",
            "permitopen", "permitlisten", "tunnel", "principals");

    private static final Pattern EXPIRY = Pattern.compile("([0-9]{4})([0-9]{2})([0-9]{2})(?:([0-9]{2})([0-9]{2})([0-9]{2})?)?");
    private static final Pattern PORT = Pattern.compile("\\*|[0-9]{1,5}");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AuthorizedKeyOptions() {
    }

    /**
     * Where the options of {@code line} end: at the first space or tab outside double quotes, as
     * sshd finds them. A line whose quote never closes is an error.
     */
    static int end(String line) {
        boolean quoted = false;
        int i = 0;
        for (; i < line.length() && (quoted || (line.charAt(i) != ' ' && line.charAt(i) != '\t')); i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                i++;
            } else if (line.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a double quote in the options is never closed");
        }
        return i;
    }

    /** The restrictions {@code options} (the text {@link #end} delimits) place on the key. */
    static KeyRestrictions parse(String options, ZoneId zone) {
        Optional<AddressPatterns> from = Optional.empty();
        Optional<Instant> expiresAt = Optional.empty();
        boolean readOnly = false;
        boolean commandSeen = false;
        boolean certAuthority = false;
        Optional<List<String>> principals = Optional.empty();
        int i = 0;
        while (i < options.length()) {
            int nameEnd = i;
            while (nameEnd < options.length() && options.charAt(nameEnd) != '=' && options.charAt(nameEnd) != ',') {
                nameEnd++;
            }
            String written = options.substring(i, nameEnd);
            String name = written.toLowerCase(Locale.ROOT);
            i = nameEnd;
            String value = null;
            if (i < options.length() && options.charAt(i) == '=') {
                if (!VALUED.contains(name)) {
                    throw new IllegalArgumentException(known(name) ? "option " + written + " takes no value"
                            : unknown(written));
                }
                int[] next = new int[1];
                value = dequote(options, i + 1, written, next);
                i = next[0];
            } else if (VALUED.contains(name)) {
                throw new IllegalArgumentException("option " + written + " needs a value: " + written + "=\"...\"");
            }
            switch (name) {
                case "from" -> {
                    if (from.isPresent()) {
                        throw new IllegalArgumentException("option from appears twice (sshd refuses that too)");
                    }
                    try {
                        from = Optional.of(AddressPatterns.parse(value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("option from=\"" + value + "\": " + e.getMessage(), e);
                    }
                }
                case "expiry-time" -> {
                    Instant at = expiry(value, zone);
                    // As sshd: several expiry times, the earliest counts.
                    expiresAt = Optional.of(expiresAt.filter(earlier -> earlier.isBefore(at)).orElse(at));
                }
                case "command" -> {
                    if (commandSeen) {
                        throw new IllegalArgumentException("option command appears twice (sshd refuses that too)");
                    }
                    commandSeen = true;
                    readOnly = internalSftpReadOnly(value);
                }
                case "environment" -> environment(value);
                case "permitopen" -> permit(written, value, true);
                case "permitlisten" -> permit(written, value, false);
                case "tunnel" -> {
                    if (!value.equalsIgnoreCase("any") && !value.matches("[0-9]{1,9}")) {
                        throw new IllegalArgumentException("option tunnel=\"" + value + "\": not a tunnel device number");
                    }
                }
                case "cert-authority" -> certAuthority = true;
                case "principals" -> {
                    if (principals.isPresent()) {
                        throw new IllegalArgumentException("option principals appears twice (sshd refuses that too)");
                    }
                    List<String> names = List.of(value.split(",", -1));
                    if (names.contains("")) {
                        throw new IllegalArgumentException("option principals=\"" + value + "\": an empty name");
                    }
                    principals = Optional.of(names);
                }
                default -> {
                    if (UNSUPPORTED_FLAGS.contains(name)) {
                        throw new IllegalArgumentException("option " + written + " is not supported: this server "
                                + "does not accept FIDO (sk-) keys");
                    }
                    if (!NO_EFFECT_FLAGS.contains(name)) {
                        throw new IllegalArgumentException(unknown(written));
                    }
                }
            }
            if (i == options.length()) {
                break;
            }
            if (options.charAt(i) != ',') {
                throw new IllegalArgumentException("unexpected text after option " + written + ": \""
                        + options.substring(i) + "\" (options are separated by commas)");
            }
            i++;
            if (i == options.length()) {
                throw new IllegalArgumentException("the options end with a comma");
            }
        }
        if (principals.isPresent() && !certAuthority) {
            throw new IllegalArgumentException("option principals applies to certificates: add cert-authority, "
                    + "or remove principals");
        }
        return new KeyRestrictions(from, expiresAt, readOnly, certAuthority, principals);
    }

    private static boolean known(String name) {
        return NO_EFFECT_FLAGS.contains(name) || UNSUPPORTED_FLAGS.contains(name) || name.equals("cert-authority");
    }

    private static String unknown(String written) {
        return written.isEmpty() ? "an empty option (two commas in a row?)"
                : "unknown option " + written + " (see sshd(8), AUTHORIZED_KEYS FILE FORMAT)";
    }

    /** The quoted value at {@code start}: {@code \"} is a quote, any other backslash stays, as in sshd. */
    private static String dequote(String options, int start, String name, int[] next) {
        if (start >= options.length() || options.charAt(start) != '"') {
            throw new IllegalArgumentException("option " + name + "= needs its value in double quotes: " + name + "=\"...\"");
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < options.length() && options.charAt(i) != '"') {
            if (options.charAt(i) == '\\' && i + 1 < options.length() && options.charAt(i + 1) == '"') {
                i++;
            }
            value.append(options.charAt(i++));
        }
        if (i >= options.length()) {
            throw new IllegalArgumentException("option " + name + "= has no closing double quote");
        }
        next[0] = i + 1;
        return value.toString();
    }

    /** {@code YYYYMMDD[HHMM[SS]]}, local time unless it ends in {@code Z} or {@code UTC}, as sshd reads it. */
    static Instant expiry(String value, ZoneId zone) {
        String text = value;
        ZoneId in = zone;
        if (text.length() > 1 && text.toUpperCase(Locale.ROOT).endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
            in = ZoneOffset.UTC;
        } else if (text.length() > 3 && text.toUpperCase(Locale.ROOT).endsWith("UTC")) {
            text = text.substring(0, text.length() - 3);
            in = ZoneOffset.UTC;
        }
        Matcher m = EXPIRY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("option expiry-time=\"" + value + "\": write YYYYMMDD, YYYYMMDDHHMM or "
                    + "YYYYMMDDHHMMSS, local time, or with Z at the end for UTC");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return local.atZone(in).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("option expiry-time=\"" + value + "\": not a date and time: " + e.getMessage(), e);
        }
    }

    /** Whether {@code command} is internal-sftp read-only; any other command is an error. */
    private static boolean internalSftpReadOnly(String command) {
        String[] words = command.strip().split("[ \t]+");
        boolean readOnly = false;
        boolean ours = words[0].equals("internal-sftp");
        for (int w = 1; ours && w < words.length; w++) {
            if (words[w].equals("-R")) {
                readOnly = true;
            } else {
                ours = false;
            }
        }
        if (!ours) {
            throw new IllegalArgumentException("option command=\"" + command + "\" cannot be honoured: this server "
                    + "runs only its SFTP subsystem; write command=\"internal-sftp -R\" for read-only, "
                    + "command=\"internal-sftp\", or remove the option");
        }
        return readOnly;
    }

    private static void environment(String value) {
        int equals = value.indexOf('=');
        if (equals < 1 || !ENVIRONMENT_NAME.matcher(value.substring(0, equals)).matches()) {
            throw new IllegalArgumentException("option environment=\"" + value + "\": write NAME=value");
        }
    }

    /** permitopen="host:port" and permitlisten="[host:]port", port a number or {@code *}, checked as sshd does. */
    private static void permit(String name, String value, boolean hostRequired) {
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            colon = close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':' ? -1 : close + 1;
        }
        String port = colon < 0 ? value : value.substring(colon + 1);
        boolean ok = PORT.matcher(port).matches() && (port.equals("*") || Integer.parseInt(port) <= 65535)
                && (colon > 0 || (!hostRequired && colon < 0));
        if (!ok) {
            throw new IllegalArgumentException("option " + name + "=\"" + value + "\": write "
                    + (hostRequired ? "host:port" : "[host:]port") + ", the port a number or *");
        }
    }
}
