package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The kernel command line split into words as the kernel does: spaces separate, double quotes group. */
final class CommandLine {

    private CommandLine() {
    }

    /** The text of {@code /proc/cmdline}, without its newline. */
    static String read() throws IOException {
        return Files.readString(Path.of("/proc/cmdline")).strip();
    }

    /**
     * The kernel's own parameters: the words before a lone {@code --} (the words after it are
     * init's arguments). Quotes are removed: {@code unikernel.name="Ada L"} is one word
     * {@code unikernel.name=Ada L}.
     */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    if (word.toString().equals("--")) {
                        return words;
                    }
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord && !word.toString().equals("--")) {
            words.add(word.toString());
        }
        return words;
    }
}
