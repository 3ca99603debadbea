package io.crmkit.report;

import io.crmkit.core.InvalidValueException;
import io.crmkit.report.spi.ReportSection;
import io.crmkit.segmentation.TierProgram;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ShopReport} computes and how it speaks: locale (zh-TW, the default for Taiwanese
 * brands, or en), the as-of instant, the title, how many top members to list, the tier program, a
 * progress listener and extra sections.
 *
 * <pre>{@code
 * ReportOptions options = ReportOptions.custom()
 *         .locale(Locale.ENGLISH)
 *         .asOf(Instant.parse("2025-12-31T16:00:00Z"))
 *         .progress(step -> System.err.println(step))
 *         .build();
 * }</pre>
 */
public final class ReportOptions {
    /** The traditional-Chinese locale of Taiwan, the default. */
    public static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    private final Locale locale;
    private final @Nullable Instant asOf;
    private final @Nullable String title;
    private final int topMembers;
    private final @Nullable TierProgram tiers;
    private final Consumer<String> progress;
    private final List<ReportSection> sections;

    private ReportOptions(Builder b) {
        this.locale = b.locale;
        this.asOf = b.asOf;
        this.title = b.title;
        this.topMembers = b.topMembers;
        this.tiers = b.tiers;
        this.progress = b.progress;
        this.sections = List.copyOf(b.sections);
    }

    /** @return the defaults: zh-TW, as of the day after the last order, 20 top members */
    public static ReportOptions ofDefaults() {
        return custom().build();
    }

    /** @return a builder with the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * @param locale any locale
     * @return the supported report locale it asks for: English for {@code en*}, else zh-TW
     * @throws InvalidValueException if the language is neither Chinese nor English
     */
    public static Locale supported(Locale locale) {
        return switch (locale.getLanguage()) {
            case "en" -> Locale.ENGLISH;
            case "zh" -> ZH_TW;
            default ->
                throw new InvalidValueException("locale", "reports are in zh-TW or en, not " + locale.toLanguageTag());
        };
    }

    /** @return zh-TW or en */
    public Locale locale() {
        return locale;
    }

    /** @return the as-of instant; empty: the start of the day after the last order, in the brand's zone */
    public Optional<Instant> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** @return the report's title; empty: "crmkit member report" in the locale */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return how many members the CLV top list shows */
    public int topMembers() {
        return topMembers;
    }

    /** @return the tier program; empty: member / silver / gold / diamond by yearly spend */
    public Optional<TierProgram> tiers() {
        return Optional.ofNullable(tiers);
    }

    /** @return called with the name of each step as it starts */
    public Consumer<String> progress() {
        return progress;
    }

    /** @return sections added after the built-in ones, in order */
    public List<ReportSection> sections() {
        return sections;
    }

    /** Builds {@link ReportOptions}; every setter validates at once. */
    public static final class Builder {
        private Locale locale = ZH_TW;
        private @Nullable Instant asOf;
        private @Nullable String title;
        private int topMembers = 20;
        private @Nullable TierProgram tiers;
        private Consumer<String> progress = step -> {};
        private final List<ReportSection> sections = new ArrayList<>();

        private Builder() {}

        /**
         * @param locale zh-TW (or any zh) or en
         * @return this
         * @throws InvalidValueException for another language
         */
        public Builder locale(Locale locale) {
            if (locale == null) {
                throw new InvalidValueException("locale", "is required");
            }
            this.locale = supported(locale);
            return this;
        }

        /**
         * @param asOf the instant the report looks from; later orders are not seen
         * @return this
         */
        public Builder asOf(Instant asOf) {
            if (asOf == null) {
                throw new InvalidValueException("asOf", "is required");
            }
            this.asOf = asOf;
            return this;
        }

        /**
         * @param title the report's title
         * @return this
         */
        public Builder title(String title) {
            if (title == null || title.isBlank()) {
                throw new InvalidValueException("title", "must not be blank");
            }
            this.title = title;
            return this;
        }

        /**
         * @param n 1..1000
         * @return this
         */
        public Builder topMembers(int n) {
            if (n < 1 || n > 1000) {
                throw new InvalidValueException("topMembers", "must be 1..1000, was " + n);
            }
            this.topMembers = n;
            return this;
        }

        /**
         * @param program the brand's tier program, in the brand's currency
         * @return this
         */
        public Builder tiers(TierProgram program) {
            if (program == null) {
                throw new InvalidValueException("tiers", "is required");
            }
            this.tiers = program;
            return this;
        }

        /**
         * @param listener called with each step's name as it starts (e.g. to show progress)
         * @return this
         */
        public Builder progress(Consumer<String> listener) {
            if (listener == null) {
                throw new InvalidValueException("progress", "is required");
            }
            this.progress = listener;
            return this;
        }

        /**
         * @param section a section to add after the built-in ones
         * @return this
         */
        public Builder section(ReportSection section) {
            if (section == null) {
                throw new InvalidValueException("section", "is required");
            }
            sections.add(section);
            return this;
        }

        /** @return the options */
        public ReportOptions build() {
            return new ReportOptions(this);
        }
    }
}
