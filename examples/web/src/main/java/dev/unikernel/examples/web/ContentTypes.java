package dev.unikernel.examples.web;

import java.util.Locale;
import java.util.Map;

/** The {@code Content-Type} of a value, from its key's file extension. */
final class ContentTypes {

    static final String DEFAULT = "application/octet-stream";

    private static final String UTF_8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html" + UTF_8),
            Map.entry("htm", "text/html" + UTF_8),
            Map.entry("css", "text/css" + UTF_8),
            Map.entry("js", "text/javascript" + UTF_8),
            Map.entry("mjs", "text/javascript" + UTF_8),
            Map.entry("json", "application/json" + UTF_8),
            Map.entry("txt", "text/plain" + UTF_8),
            Map.entry("xml", "application/xml" + UTF_8),
            Map.entry("svg", "image/svg+xml" + UTF_8),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff2", "font/woff2"));

    private ContentTypes() {
    }

    /** The type of {@code key} ({@code css/site.css}): by its extension, case-insensitive; {@link #DEFAULT} otherwise. */
    static String of(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return DEFAULT; // no extension, or a dot file such as .htaccess
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
