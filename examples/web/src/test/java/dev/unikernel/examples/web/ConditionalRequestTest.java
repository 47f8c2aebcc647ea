package dev.unikernel.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.ValueInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionalRequestTest {

    private static final Instant MODIFIED = Instant.parse("1994-11-06T08:49:37.250Z");
    private static final String TAG = "\"abc123\"";

    @Test
    void validatorsAreTheQuotedDigestAndAnImfFixdate() {
        assertEquals(TAG, ConditionalRequest.entityTag(new ValueInfo(3, MODIFIED, "abc123")));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", ConditionalRequest.httpDate(MODIFIED));
        assertEquals("Mon, 03 Mar 2025 00:00:00 GMT", ConditionalRequest.httpDate(Instant.parse("2025-03-03T00:00:00Z")));
        assertEquals(Instant.parse("1994-11-06T08:49:37Z"), ConditionalRequest.parseDate("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertNull(ConditionalRequest.parseDate("yesterday"));
    }

    @Test
    void ifNoneMatchComparesEveryTagWeakly() {
        assertTrue(ConditionalRequest.matchesAny(TAG, TAG));
        assertTrue(ConditionalRequest.matchesAny("W/" + TAG, TAG));
        assertTrue(ConditionalRequest.matchesAny("\"other\", " + TAG, TAG));
        assertTrue(ConditionalRequest.matchesAny("\"x\",W/\"y\" ,\t" + TAG, TAG));
        assertTrue(ConditionalRequest.matchesAny("*", TAG));
        assertTrue(ConditionalRequest.matchesAny("\"a,b\", " + TAG, TAG), "a comma inside a tag is part of it");
        assertFalse(ConditionalRequest.matchesAny("\"abc\"", TAG));
        assertFalse(ConditionalRequest.matchesAny("abc123", TAG), "an unquoted tag is malformed");
        assertFalse(ConditionalRequest.matchesAny("\"abc123", TAG));
        assertFalse(ConditionalRequest.matchesAny("", TAG));
    }

    @Test
    void ifModifiedSinceComparesToTheSecond() {
        assertTrue(ConditionalRequest.notModified(null, "Sun, 06 Nov 1994 08:49:37 GMT", TAG, MODIFIED),
                "the fraction of a second that Last-Modified cannot carry must not count as newer");
        assertTrue(ConditionalRequest.notModified(null, "Mon, 07 Nov 1994 00:00:00 GMT", TAG, MODIFIED));
        assertFalse(ConditionalRequest.notModified(null, "Sun, 06 Nov 1994 08:49:36 GMT", TAG, MODIFIED));
        assertFalse(ConditionalRequest.notModified(null, "not a date", TAG, MODIFIED));
        assertFalse(ConditionalRequest.notModified(null, null, TAG, MODIFIED));
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        String current = "Mon, 07 Nov 1994 00:00:00 GMT";
        assertFalse(ConditionalRequest.notModified("\"stale\"", current, TAG, MODIFIED),
                "a tag that does not match means a full response, whatever the date says");
        assertTrue(ConditionalRequest.notModified(TAG, "Sun, 06 Nov 1994 00:00:00 GMT", TAG, MODIFIED));
    }
}
