package dev.unikernel.luks;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code luks-dump}, laid out like {@code cryptsetup luksDump} so people and scripts
 * that know one can read the other. Salts and digests are public; keys are never shown.
 */
final class HeaderDump {

    private HeaderDump() {
    }

    static String describe(LuksHeader header) {
        StringBuilder out = new StringBuilder();
        out.append("LUKS header information\n");
        out.append("Version:       \t2\n");
        out.append("Epoch:         \t").append(header.sequenceId()).append('\n');
        out.append("Metadata area: \t").append(header.headerSize()).append(" [bytes]\n");
        out.append("Keyslots area: \t").append(header.keyslotsSize()).append(" [bytes]\n");
        out.append("UUID:          \t").append(header.uuid()).append('\n');
        out.append("Label:         \t").append(header.label().isEmpty() ? "(no label)" : header.label()).append('\n');
        out.append("Subsystem:     \t").append(header.subsystem().isEmpty() ? "(no subsystem)" : header.subsystem()).append('\n');
        Object flags = header.json().get("config") instanceof Map<?, ?> config ? config.get("flags") : null;
        out.append("Flags:       \t").append(flags instanceof List<?> list && !list.isEmpty() ? String.join(" ",
                list.stream().map(String::valueOf).toList()) : "(no flags)").append("\n\n");

        DataSegment segment = header.segment();
        out.append("Data segments:\n");
        out.append("  ").append(segment.id()).append(": crypt\n");
        out.append("\toffset: ").append(segment.offset()).append(" [bytes]\n");
        out.append("\tlength: ").append(segment.size() == DataSegment.DYNAMIC ? "(whole device)" : segment.size() + " [bytes]").append('\n');
        out.append("\tcipher: ").append(segment.encryption()).append('\n');
        out.append("\tsector: ").append(segment.sectorSize()).append(" [bytes]\n\n");

        out.append("Keyslots:\n");
        for (Keyslot keyslot : header.keyslots().values()) {
            out.append("  ").append(keyslot.id()).append(": luks2\n");
            out.append("\tKey:        ").append(keyslot.keySize() * 8).append(" bits\n");
            out.append("\tPriority:   ").append(switch (keyslot.priority()) {
                case 0 -> "ignored";
                case 2 -> "preferred";
                default -> "normal";
            }).append('\n');
            out.append("\tCipher:     ").append(keyslot.areaEncryption()).append('\n');
            out.append("\tCipher key: ").append(keyslot.areaKeySize() * 8).append(" bits\n");
            switch (keyslot.kdf()) {
                case KdfParameters.Pbkdf2Parameters p -> {
                    out.append("\tPBKDF:      pbkdf2\n");
                    out.append("\tHash:       ").append(p.hash()).append('\n');
                    out.append("\tIterations: ").append(p.iterations()).append('\n');
                    hex(out, "\tSalt:       ", p.salt());
                }
                case KdfParameters.Argon2Parameters a -> {
                    out.append("\tPBKDF:      ").append(a.type()).append('\n');
                    out.append("\tTime cost:  ").append(a.time()).append('\n');
                    out.append("\tMemory:     ").append(a.memoryKiB()).append('\n');
                    out.append("\tThreads:    ").append(a.cpus()).append('\n');
                    hex(out, "\tSalt:       ", a.salt());
                }
            }
            out.append("\tAF stripes: ").append(keyslot.stripes()).append('\n');
            out.append("\tAF hash:    ").append(keyslot.afHash()).append('\n');
            out.append("\tArea offset:").append(keyslot.areaOffset()).append(" [bytes]\n");
            out.append("\tArea length:").append(keyslot.areaSize()).append(" [bytes]\n");
            for (VolumeKeyDigest digest : header.digests().values()) {
                if (digest.keyslots().contains(keyslot.id())) {
                    out.append("\tDigest ID:  ").append(digest.id()).append('\n');
                }
            }
        }

        out.append("Tokens:\n");
        if (header.json().get("tokens") instanceof Map<?, ?> tokens) {
            for (Map.Entry<?, ?> token : tokens.entrySet()) {
                Map<?, ?> fields = token.getValue() instanceof Map<?, ?> m ? m : Map.of();
                out.append("  ").append(token.getKey()).append(": ").append(fields.get("type")).append('\n');
                if (fields.get("keyslots") instanceof List<?> ids) {
                    out.append("\tKeyslot:    ").append(String.join(" ", ids.stream().map(String::valueOf).toList())).append('\n');
                }
            }
        }

        out.append("Digests:\n");
        for (VolumeKeyDigest digest : header.digests().values()) {
            out.append("  ").append(digest.id()).append(": pbkdf2\n");
            out.append("\tHash:       ").append(digest.hash()).append('\n');
            out.append("\tIterations: ").append(digest.iterations()).append('\n');
            hex(out, "\tSalt:       ", digest.salt());
            hex(out, "\tDigest:     ", digest.digest());
        }
        for (String note : header.repairNotes()) {
            out.append("Note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Hex bytes 16 to a line, continuation lines indented under the first, as cryptsetup prints them. */
    private static void hex(StringBuilder out, String label, byte[] bytes) {
        HexFormat format = HexFormat.of();
        out.append(label);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0 && i % 16 == 0) {
                out.append("\n\t            ");
            }
            out.append(format.toHexDigits(bytes[i])).append(' ');
        }
        out.append('\n');
    }
}
