package io.crmkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code crmkit} command: parses the command line and runs a sub-command. Exit codes: 0 done,
 * 1 failed (e.g. the output files exist), 2 bad usage (unknown option, bad value). Output goes to
 * stdout in UTF-8, errors to stderr.
 *
 * <pre>{@code
 * int code = Main.execute(new PrintWriter(System.out), new PrintWriter(System.err),
 *         "generate", "--members", "1000", "--out", "shop");
 * }</pre>
 */
@Command(
        name = "crmkit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "crmkit, an embeddable CRM library for e-commerce brands: tools.",
        subcommands = {
            DemoCommand.class,
            ReportCommand.class,
            SegmentCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            RfmCommand.class,
            LifecycleCommand.class,
            BenchGenerateCommand.class,
            BenchStoreCommand.class,
            ClvCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  failed: an input could not be read (file, line and reason on stderr),",
            "     or an output exists",
            "  2  bad usage (unknown option, bad value; the usage follows)",
            "",
            "Start with ./crmkit demo: a generated shop of 100,000 members -> crmkit-demo/report.html"
        })
public final class Main implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "On a failure, print the stack trace too.")
    boolean debug;

    /** Used by picocli. */
    public Main() {}

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing command: use demo, report, segment, generate, import, rfm, lifecycle, clv, simulate,"
                        + " bench-generate or bench-store");
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in this JVM, for tests and embedding.
     *
     * @param out where normal output goes
     * @param err where errors and usage help for bad usage go
     * @param args the arguments
     * @return the exit code: 0 done, 1 failed, 2 bad usage
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter w = c.getErr();
            w.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
            c.usage(w);
            w.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        boolean debug = debug(args);
        DEBUG.set(debug);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            w.println(commandLine.getCommandSpec().qualifiedName() + ": " + message(e));
            if (debug) {
                e.printStackTrace(w);
            } else if (!(e instanceof io.crmkit.core.CrmException
                    || e instanceof java.io.IOException
                    || e instanceof java.io.UncheckedIOException
                    || e instanceof SegmentCommand.InputException)) {
                w.println("(an unexpected error: run again with --debug for the stack trace, and report it)");
            }
            w.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static final ThreadLocal<Boolean> DEBUG = ThreadLocal.withInitial(() -> false);

    /** @return whether the running command line has the global {@code --debug} */
    static boolean debugging() {
        return DEBUG.get();
    }

    private static boolean debug(String... args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The message of a failure for a person: the file for missing files, never just a class name. */
    static String message(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": "
                    + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Reads the version that Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "dev"
            }
            return new String[] {
                "crmkit " + p.getProperty("version", "dev"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
