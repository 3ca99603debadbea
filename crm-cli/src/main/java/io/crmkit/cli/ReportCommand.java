package io.crmkit.cli;

import io.crmkit.core.Crm;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit report}: the demo's report step on your own order file.
 *
 * <pre>{@code
 * ./crmkit report --orders shop/orders.csv --members shop/members.csv --preset canonical --as-of 2026-01-01 --out r
 * }</pre>
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The demo's report on your own order export, as of a date.",
            "%nWrites report.html (key figures, monthly new vs returning, categories, order totals, weekday x"
                    + " hour, RFM, lifecycle and flow, tiers, saved segments and overlaps, CLV), tables/*.csv|json and"
                    + " segments/*.json in --out, and prints a summary."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  the input could not be read or the report not written",
            "     (file, line and reason on stderr)",
            "  2  bad usage"
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    OrdersInput input = new OrdersInput();

    @Mixin
    ReportRun report = new ReportRun();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        var cl = spec.commandLine();
        report.locale(cl);
        ReportRun.Progress progress = ReportRun.progress("report", cl.getErr());
        progress.accept("importing " + input.orders);
        OrdersInput.Loaded loaded = input.load(cl, cl.getErr());
        Crm crm = loaded.crm();
        report.run(
                cl,
                crm,
                loaded.asOf(),
                progress,
                List.<Object[]>of(new Object[] {"source", input.orders.toString()}),
                t0,
                "crmkit-report",
                java.util.List.of());
        return 0;
    }
}
