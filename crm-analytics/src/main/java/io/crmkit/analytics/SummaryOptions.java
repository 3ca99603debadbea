package io.crmkit.analytics;

import io.crmkit.core.InvalidValueException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How transactions become a {@link CustomerSummary}: the last day observed, an optional calibration
 * end that splits calibration from holdout, and the time unit.
 *
 * <pre>{@code
 * SummaryOptions cdnow = SummaryOptions.custom(LocalDate.parse("1998-06-30"))
 *         .calibrationEnd(LocalDate.parse("1997-09-30"))
 *         .unit(PeriodUnit.WEEKS)
 *         .build();
 * }</pre>
 *
 * @param observationEnd the last day observed (inclusive); later transactions are ignored
 * @param calibrationEnd the last day of the calibration period (inclusive), if there is a holdout
 * @param unit the time unit of recency, T and durations
 */
public record SummaryOptions(LocalDate observationEnd, Optional<LocalDate> calibrationEnd, PeriodUnit unit) {
    /**
     * @throws InvalidValueException if the calibration end is after the observation end
     */
    public SummaryOptions {
        Objects.requireNonNull(observationEnd, "observationEnd");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        if (calibrationEnd.isPresent() && calibrationEnd.get().isAfter(observationEnd)) {
            throw new InvalidValueException(
                    "calibrationEnd",
                    calibrationEnd.get() + " is after the observation end " + observationEnd
                            + "; the holdout runs from the day after the calibration end to the observation end");
        }
    }

    /**
     * Options without holdout, in days.
     *
     * @param observationEnd the last day observed (inclusive)
     * @return the options
     */
    public static SummaryOptions ofDefaults(LocalDate observationEnd) {
        return new SummaryOptions(observationEnd, Optional.empty(), PeriodUnit.DAYS);
    }

    /**
     * @param observationEnd the last day observed (inclusive)
     * @return a builder starting from no holdout, in days
     */
    public static Builder custom(LocalDate observationEnd) {
        return new Builder(observationEnd);
    }

    /** Builds {@link SummaryOptions}. */
    public static final class Builder {
        private final LocalDate observationEnd;
        private @Nullable LocalDate calibrationEnd;
        private PeriodUnit unit = PeriodUnit.DAYS;

        private Builder(LocalDate observationEnd) {
            this.observationEnd = Objects.requireNonNull(observationEnd, "observationEnd");
        }

        /**
         * @param day the last day of the calibration period (inclusive)
         * @return this builder
         */
        public Builder calibrationEnd(LocalDate day) {
            this.calibrationEnd = Objects.requireNonNull(day, "calibrationEnd");
            return this;
        }

        /**
         * @param unit days or weeks
         * @return this builder
         */
        public Builder unit(PeriodUnit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        /**
         * @return the options
         * @throws InvalidValueException if the calibration end is after the observation end
         */
        public SummaryOptions build() {
            return new SummaryOptions(observationEnd, Optional.ofNullable(calibrationEnd), unit);
        }
    }
}
