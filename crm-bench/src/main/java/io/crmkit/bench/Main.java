package io.crmkit.bench;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmark commands, run by {@code ./crmkit bench <command>}: side-by-side comparisons with
 * DuckDB in the same JVM on data of the crmkit generator. Exit codes: 0 done, 1 the engines
 * disagree or the run failed, 2 bad usage.
 */
@Command(
        name = "crmkit bench",
        mixinStandardHelpOptions = true,
        description = "crmkit benchmarks, side by side with DuckDB.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    private Main() {}

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this),
                "Missing command: use segments, rfm, import, clv, reports, journeys, jdbc, journeys-pg or jmh");
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            // JMH microbenchmarks (io.crmkit.bench.jmh); JMH parses the remaining options
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand("segments", new SegmentBench(out));
        cl.addSubcommand("rfm", new RfmBench(out));
        cl.addSubcommand("import", new ImportBench(out));
        cl.addSubcommand("clv", new ClvBench(out));
        cl.addSubcommand("reports", new ReportsBench(out));
        cl.addSubcommand("journeys", new JourneyBench(out));
        cl.addSubcommand("jdbc", new JdbcBench(out));
        cl.addSubcommand("journeys-pg", new JourneyPgBench(out));
        cl.setOut(out);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("crmkit bench " + commandLine.getCommandName() + ": " + e);
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        System.exit(code);
    }
}
