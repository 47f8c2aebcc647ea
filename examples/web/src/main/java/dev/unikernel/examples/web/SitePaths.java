package dev.unikernel.examples.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * From a request's path to the key of the value it names: {@code /css/site.css} is {@code css/site.css},
 * and a path ending in {@code /} names that folder's {@code index.html}. Whether the key is a valid one
 * ({@code ..}, empty segments) is the store's to say: it throws IllegalArgumentException for those.
 */
final class SitePaths {

    static final String INDEX = "index.html";

    private SitePaths() {
    }

    /**
     * The key that {@code rawPath} (as sent, still percent-encoded) names; IllegalArgumentException when it
     * is not an absolute path, its percent-encoding is broken or not UTF-8, or it holds a control character.
     */
    static String key(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + rawPath);
        }
        String path = percentDecode(rawPath);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in path " + rawPath);
            }
        }
        String key = path.substring(1);
        return key.isEmpty() || key.endsWith("/") ? key + INDEX : key;
    }

    /** Decodes {@code %XX} escapes as UTF-8 bytes; a {@code +} stays a {@code +} (that is only for forms). */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int escape = text.indexOf('%', i);
            int end = escape < 0 ? text.length() : escape;
            bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (escape < 0) {
                break;
            }
            int high = escape + 2 < text.length() ? Character.digit(text.charAt(escape + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(escape + 2), 16) : -1;
            if (low < 0) {
                throw new IllegalArgumentException("broken percent-encoding in " + text);
            }
            bytes.write(high * 16 + low);
            i = escape + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes that are not UTF-8 in " + text, e);
        }
    }
}
