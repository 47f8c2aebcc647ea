package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsCryptsetupMetadataExactly() throws Exception {
        // Verbatim from a cryptsetup 2.6.1 luksFormat: compact, '/' unescaped, 64-bit values as strings.
        String text = "{\"keyslots\":{\"0\":{\"type\":\"luks2\",\"key_size\":64,\"af\":{\"type\":\"luks1\",\"stripes\":4000,"
                + "\"hash\":\"sha256\"},\"area\":{\"type\":\"raw\",\"offset\":\"32768\",\"size\":\"258048\",\"encryption\":"
                + "\"aes-xts-plain64\",\"key_size\":64},\"kdf\":{\"type\":\"argon2id\",\"time\":4,\"memory\":32768,\"cpus\":2,"
                + "\"salt\":\"LK1KuL7oAxvMTRVN+/2qazIxu0xAfhT6IqliuUAqv10=\"}}},\"tokens\":{},\"segments\":{\"0\":{\"type\":"
                + "\"crypt\",\"offset\":\"16777216\",\"size\":\"dynamic\",\"iv_tweak\":\"0\",\"encryption\":\"aes-xts-plain64\","
                + "\"sector_size\":4096}},\"digests\":{},\"config\":{\"json_size\":\"12288\",\"keyslots_size\":\"16744448\"}}";
        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void parsesEveryValueKind() throws Exception {
        Object value = Json.parse(" {\"a\": [1, -2, 3.5, true, false, null, \"x\\u0041\\n\\/\"], \"b\": {}} ");
        Map<?, ?> map = (Map<?, ?>) value;
        List<?> list = (List<?>) map.get("a");
        assertEquals(1L, list.get(0));
        assertEquals(-2L, list.get(1));
        assertEquals("3.5", list.get(2).toString());
        assertEquals(true, list.get(3));
        assertEquals("xA\n/", list.get(6));
        assertEquals("{\"a\":[1,-2,3.5,true,false,null,\"xA\\n/\"],\"b\":{}}", Json.write(value));
    }

    @Test
    void refusesMalformedText() {
        for (String bad : new String[] {"{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "\"\\q\"", "{\"a\":1,\"a\":2}",
                "[".repeat(100) + "]".repeat(100)}) {
            assertThrows(LuksException.class, () -> Json.parse(bad), bad);
        }
    }
}
