package dev.unikernel.tools.disk;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar disk.jar COMMAND IMAGE ...}: mtools-like commands for FAT16 disk images. Exit
 * status 0 on success, 1 on failure (or an unclean check), 2 on a usage error; errors go to stderr.
 */
public final class DiskTool {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    DiskTool() {
        for (Command c : List.of(new MkfsCommand(), new LsCommand(), new PutCommand(), new GetCommand(),
                new MkdirCommand(), new RmCommand(), new MvCommand(), new CheckCommand(),
                new LuksFormatCommand(), new LuksDumpCommand(), new LuksAddKeyCommand(), new LuksRemoveKeyCommand(),
                new LuksChangeKeyCommand(), new LuksTestCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        System.exit(new DiskTool().run(args, System.out, System.err));
    }

    /**
     * Runs one command line with the given streams; returns the exit status. Temporary: delegates to
     * the instance method until the picocli rewrite replaces both.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new DiskTool().run(args, out, err);
    }

    /** Runs one command line; returns the exit status. */
    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printUsage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("disk: unknown command '" + args[0] + "'");
            printUsage(err);
            return 2;
        }
        try {
            Set<String> flags = new HashSet<>(command.flags());
            flags.addAll(ImageDevices.FLAGS);
            Arguments arguments = Arguments.parse(Arrays.asList(args).subList(1, args.length), flags);
            LuksOptions.declareImageOptions(arguments);
            return command.run(arguments, out);
        } catch (UsageException e) {
            err.println("disk " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("disk " + command.name() + ": " + describe(e));
            return 1;
        }
    }

    private void printUsage(PrintStream stream) {
        stream.println("usage: java -jar disk.jar COMMAND IMAGE ...");
        for (Command c : commands.values()) {
            stream.println("  " + c.usage());
        }
    }

    /** A one-line description; the JDK's file exceptions otherwise print only the path. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        if (e instanceof NoSuchFileException f) {
            parts.add("no such file or directory: " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")"));
        } else if (e instanceof FileAlreadyExistsException f) {
            parts.add("already exists: " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")"));
        } else if (e instanceof DirectoryNotEmptyException f) {
            parts.add("directory not empty: " + f.getFile() + " (use rm -r)");
        } else if (e instanceof NotDirectoryException f) {
            parts.add("not a directory: " + f.getFile());
        } else if (e instanceof AccessDeniedException f) {
            parts.add("access denied: " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")"));
        } else if (e instanceof FileSystemException f) {
            parts.add(f.getMessage());
        } else {
            parts.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return String.join(": ", parts);
    }
}
