package io.crmkit.cli;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.generator.GeneratorConfig;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The generator options shared by {@code generate} and {@code bench-generate}. */
final class ShopOptions {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Option(
            names = {"-n", "--members"},
            paramLabel = "N",
            description = "Number of members, 0 to 99,999,999 (default: 10,000; bench-generate: 200,000).")
    @Nullable
    Integer members;

    @Option(
            names = {"-s", "--seed"},
            paramLabel = "S",
            defaultValue = "42",
            description = "Random seed; the same seed gives the same shop (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            description = "First day of the observation period, Asia/Taipei (default: 2023-01-01).")
    @Nullable
    LocalDate start;

    @Option(
            names = "--end",
            paramLabel = "DATE",
            description = "Last day of the observation period, inclusive (default: 2025-12-31).")
    @Nullable
    LocalDate end;

    @Option(
            names = "--catalogue",
            paramLabel = "N",
            defaultValue = "300",
            description = "Number of products (default: ${DEFAULT-VALUE}).")
    int catalogue;

    @Option(
            names = "--no-interactions",
            description = "Generate members and orders only, no messages, page views or surveys.")
    boolean noInteractions;

    GeneratorConfig config(CommandSpec spec, int defaultMembers) {
        int members = this.members != null ? this.members : defaultMembers;
        if (members < 0 || members > GeneratorConfig.MAX_MEMBERS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--members': " + members + " (must be 0 to " + GeneratorConfig.MAX_MEMBERS
                            + ")");
        }
        LocalDate first = start != null ? start : LocalDate.ofInstant(GeneratorConfig.DEFAULT_START, TAIPEI);
        LocalDate last = end != null
                ? end
                : LocalDate.ofInstant(GeneratorConfig.DEFAULT_END, TAIPEI).minusDays(1);
        if (last.isBefore(first)) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid period: --end " + last + " is before --start " + first);
        }
        try {
            return GeneratorConfig.custom()
                    .members(members)
                    .seed(seed)
                    .brand(BrandSettings.ofDefaults())
                    .period(
                            first.atStartOfDay(TAIPEI).toInstant(),
                            last.plusDays(1).atStartOfDay(TAIPEI).toInstant())
                    .catalogueSize(catalogue)
                    .interactions(!noInteractions)
                    .build();
        } catch (InvalidValueException e) {
            String option = e.field().startsWith("catalogue")
                    ? "--catalogue"
                    : e.field().equals("period") ? "--start/--end" : "--" + e.field();
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": " + e.getMessage());
        }
    }
}
