package dev.unikernel.examples.web;

import dev.unikernel.api.ValueInfo;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The validators of a value ({@code ETag}, {@code Last-Modified}) and whether a GET or HEAD that carries
 * {@code If-None-Match} or {@code If-Modified-Since} is answered {@code 304 Not Modified} (RFC 9110, 13.2.2).
 */
final class ConditionalRequest {

    /** IMF-fixdate, the one format an HTTP date is sent in: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private ConditionalRequest() {
    }

    /** The strong entity tag of a value: its digest, quoted. */
    static String entityTag(ValueInfo info) {
        return '"' + info.digest() + '"';
    }

    /** {@code instant} as an HTTP date, to the second. */
    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /**
     * True when the request's preconditions say the client's copy is current. {@code If-None-Match} (a
     * list of entity tags or {@code *}, compared weakly) decides when present; only without it does
     * {@code If-Modified-Since} count: not modified when the value is no newer than that date, to the
     * second. A header that is absent is null; a date that does not parse is ignored.
     */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String entityTag, Instant lastModified) {
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch, entityTag);
        }
        if (ifModifiedSince != null) {
            Instant since = parseDate(ifModifiedSince);
            return since != null && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        }
        return false;
    }

    /**
     * Whether {@code header} ({@code "a", W/"b"} or {@code *}) holds a tag weakly equal to {@code entityTag}:
     * the same opaque quoted string, whether either is marked weak. Parsing stops at the first malformed tag.
     */
    static boolean matchesAny(String header, String entityTag) {
        String wanted = opaque(entityTag);
        int i = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
            } else if (c == '*') {
                return true;
            } else {
                int start = header.startsWith("W/", i) ? i + 2 : i;
                int end = start < header.length() && header.charAt(start) == '"' ? header.indexOf('"', start + 1) : -1;
                if (end < 0) {
                    return false;
                }
                if (header.substring(start, end + 1).equals(wanted)) {
                    return true;
                }
                i = end + 1;
            }
        }
        return false;
    }

    private static String opaque(String entityTag) {
        return entityTag.startsWith("W/") ? entityTag.substring(2) : entityTag;
    }

    /** An HTTP date in IMF-fixdate (or any RFC 1123 date); null when it is not one. */
    static Instant parseDate(String text) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim(), Instant::from);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
