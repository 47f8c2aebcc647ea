package dev.unikernel.tools.disk;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar disk.jar COMMAND IMAGE ...}: mtools- and cryptsetup-like commands for FAT16 and
 * FAT32 disk images, plain or inside LUKS2. Errors go to stderr; the exit statuses are in {@link ExitCodes}.
 */
@Command(name = "disk", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Offline commands for FAT16 and FAT32 disk images, plain or inside LUKS2 (docs/disk.md).",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands (disk COMMAND --help for each):%n",
        exitCodeListHeading = "%nExit status (0-5 as cryptsetup's):%n",
        exitCodeList = {
            "0:success",
            "1:wrong parameters (usage error)",
            "2:no permission: wrong passphrase, access denied",
            "3:out of memory",
            "4:wrong device: the image is missing, or not FAT / LUKS2",
            "5:already exists (use --force), or busy",
            "6:check: the volume is not clean",
            "7:any other failure (missing path in the image, I/O error, volume full)"})
public final class DiskTool implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = Io.of(in, out, err);
        CommandLine line = new CommandLine(new DiskTool());
        for (Object command : List.of(new MkfsCommand(io), new InfoCommand(io), new LsCommand(io), new CatCommand(io),
                new PutCommand(io), new GetCommand(io), new MkdirCommand(io), new RmCommand(io), new MvCommand(io),
                new CheckCommand(io), new LuksFormatCommand(io), new LuksDumpCommand(io), new LuksAddKeyCommand(io),
                new LuksRemoveKeyCommand(io), new LuksChangeKeyCommand(io), new LuksTestCommand(io))) {
            line.addSubcommand(command);
        }
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        line.setOut(outWriter).setErr(errWriter);
        line.setParameterExceptionHandler((e, parsed) -> usageError(e.getCommandLine(), e.getMessage(), errWriter));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof UsageException) {
                return usageError(failed, e.getMessage(), errWriter);
            }
            errWriter.println(label(failed) + ": " + describe(e));
            return ExitCodes.of(e);
        });
        int status = line.execute(args);
        outWriter.flush();
        errWriter.flush();
        out.flush();
        return status;
    }

    private static int usageError(CommandLine failed, String message, PrintWriter err) {
        err.println(label(failed) + ": " + message);
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    private static String label(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** A one-line description; the JDK's file exceptions otherwise print only the path. */
    static String describe(Throwable e) {
        return switch (e) {
            case NoSuchFileException f -> "no such file or directory: " + f.getFile() + reason(f);
            case FileAlreadyExistsException f -> "already exists: " + f.getFile() + reason(f);
            case DirectoryNotEmptyException f -> "directory not empty: " + f.getFile() + " (use rm -r)";
            case NotDirectoryException f -> "not a directory: " + f.getFile();
            case AccessDeniedException f -> "access denied: " + f.getFile() + reason(f);
            case FileSystemException f -> f.getMessage();
            case OutOfMemoryError o -> "out of memory (give Java more with -Xmx)";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static String reason(FileSystemException f) {
        return f.getReason() == null ? "" : " (" + f.getReason() + ")";
    }
}
