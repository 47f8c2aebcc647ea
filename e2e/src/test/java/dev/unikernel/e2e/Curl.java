package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** curl against the server on 127.0.0.1, as it is: the path is sent as given, never normalized. */
record Curl(Path work, int port) {

    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Response get(String path, String... options) throws Exception {
        Path body = Files.createTempFile(work, "body", ".bin");
        Path headers = Files.createTempFile(work, "headers", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--path-as-is",
                    "-o", body.toString(), "-D", headers.toString(), "-w", "%{http_code}"));
            command.addAll(List.of(options));
            command.add("http://127.0.0.1:" + port + path);
            String status = new Command(command, work, Map.of()).runOk(Duration.ofSeconds(30)).trim();
            Map<String, String> fields = new HashMap<>();
            for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("HTTP/")) {
                    fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            byte[] bytes = options.length > 0 && List.of(options).contains("--head") ? new byte[0]
                    : Files.readAllBytes(body);
            return new Response(Integer.parseInt(status), fields, bytes);
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(headers);
        }
    }

    String text(String path) throws Exception {
        Response response = get(path);
        assertEquals(200, response.status(), path);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

