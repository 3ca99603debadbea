package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every bad setting fails at build() (or when the bad value is given) with a message that says what and why. */
class TierSettingsTest {
    static final Currency TWD = Currency.getInstance("TWD");
    static final Currency USD = Currency.getInstance("USD");

    static Money twd(long major) {
        return Money.of(major, TWD);
    }

    static TierProgram.Builder yearly() {
        return TierProgram.builder(TWD).calendar(TierProgram.Period.YEAR);
    }

    static void fails(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(field + ": " + message)
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo(field);
    }

    @Test
    void aGoodProgrammeBuilds() {
        TierProgram p = yearly().tier(Tier.named("member"))
                .tier(Tier.named("gold").minSpend(twd(10_000)))
                .build();
        assertThat(p.tiers()).extracting(Tier::name).containsExactly("member", "gold");
        assertThat(TierProgram.from(p).build()).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(p.toString())
                .isEqualTo(
                        "TierProgram[calendar year, match ALL, grace 0, [Tier[member], Tier[gold, minSpend=TWD 10000.00]]]");
    }

    @Test
    void needsAQualificationWindow() {
        fails(
                () -> TierProgram.builder(TWD).tier(Tier.named("member")).build(),
                "qualification",
                "choose a qualification window: calendar(Period.YEAR) for spend in the calendar period so far,"
                        + " or rolling(365, Period.YEAR) for the last 365 days, reviewed yearly");
        fails(
                () -> TierProgram.builder(TWD)
                        .calendar(null)
                        .tier(Tier.named("member"))
                        .build(),
                "qualification.calendar",
                "is required: one of YEAR, HALF_YEAR, QUARTER, MONTH");
        fails(
                () -> TierProgram.builder(TWD)
                        .rolling(365, null)
                        .tier(Tier.named("member"))
                        .build(),
                "qualification.review",
                "is required: one of YEAR, HALF_YEAR, QUARTER, MONTH");
    }

    @Test
    void rollingDaysAre1To36600() {
        fails(
                () -> TierProgram.builder(TWD)
                        .rolling(0, TierProgram.Period.YEAR)
                        .tier(Tier.named("m"))
                        .build(),
                "qualification.lastDays",
                "must be 1..36600, was 0");
        fails(
                () -> TierProgram.builder(TWD)
                        .rolling(36_601, TierProgram.Period.YEAR)
                        .tier(Tier.named("m"))
                        .build(),
                "qualification.lastDays",
                "must be 1..36600, was 36601");
        assertThat(TierProgram.builder(TWD)
                        .rolling(36_600, TierProgram.Period.YEAR)
                        .tier(Tier.named("m"))
                        .build()
                        .rollingDays())
                .hasValue(36_600);
    }

    @Test
    void theLastWindowGivenWins() {
        TierProgram p = TierProgram.builder(TWD)
                .rolling(0, TierProgram.Period.YEAR)
                .calendar(TierProgram.Period.MONTH)
                .tier(Tier.named("m"))
                .build();
        assertThat(p.rollingDays()).isEmpty();
        assertThat(p.period()).isEqualTo(TierProgram.Period.MONTH);
    }

    @Test
    void graceIsZeroOrMore() {
        fails(
                () -> yearly().grace(-1).tier(Tier.named("m")).build(),
                "grace",
                "must be 0 or more (reviews a member may fall short and keep the tier), was -1");
    }

    @Test
    void matchIsRequired() {
        fails(() -> yearly().match(null).tier(Tier.named("m")).build(), "match", "is required: ALL or ANY");
    }

    @Test
    void atLeastOneTierAndAtMost100() {
        fails(() -> yearly().build(), "tiers", "a programme needs at least one tier");
        TierProgram.Builder b = yearly().tier(Tier.named("t0"));
        for (int i = 1; i <= 100; i++) {
            b.tier(Tier.named("t" + i).minOrders(i));
        }
        fails(b::build, "tiers", "has 101 tiers; at most 100 are allowed");
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        fails(
                () -> yearly().tier(Tier.named("member"))
                        .tier(Tier.named("Gold").minSpend(twd(1)))
                        .tier(Tier.named("gold").minSpend(twd(2)))
                        .build(),
                "tiers[2].name",
                "\"gold\" is also the name of tiers[1] (\"Gold\"); names must be unique, ignoring case");
    }

    @Test
    void namesAreNotBlankAndTidy() {
        fails(() -> Tier.named(" "), "tier.name", "must not be blank");
        fails(() -> Tier.named(null), "tier.name", "must not be blank");
        fails(() -> Tier.named(" gold"), "tier.name", "\" gold\" has leading or trailing white space");
        fails(
                () -> Tier.named("go\u0000ld"),
                "tier.name",
                "has a control character or an unpaired surrogate at index 2");
        fails(
                () -> Tier.named("x".repeat(65)),
                "tier.name",
                "\"" + "x".repeat(65) + "\" is longer than 64 characters (65)");
        assertThat(Tier.named("金卡 👑").name()).isEqualTo("金卡 👑");
    }

    @Test
    void requirementsArePositive() {
        fails(
                () -> Tier.named("gold").minSpend(twd(0)),
                "tier \"gold\" minSpend",
                "TWD 0.00 must be positive; leave the requirement out for a tier without one");
        fails(
                () -> Tier.named("gold").minOrders(0),
                "tier \"gold\" minOrders",
                "must be 1 or more, was 0; leave the requirement out for a tier without one");
    }

    @Test
    void moneyIsInTheProgrammesCurrency() {
        fails(
                () -> yearly().tier(Tier.named("member"))
                        .tier(Tier.named("gold").minSpend(Money.of(300, USD)))
                        .build(),
                "tiers[1].minSpend",
                "USD 300.00 is not in the programme's currency TWD");
    }

    @Test
    void onlyTheLowestTierMayHaveNoRequirement() {
        fails(
                () -> yearly().tier(Tier.named("member"))
                        .tier(Tier.named("gold"))
                        .build(),
                "tiers[1]",
                "\"gold\" has no requirement; only the lowest tier (tiers[0]) may have none. Give it a minSpend or"
                        + " minOrders above those of tiers[0] \"member\"");
    }

    @Test
    void withMatchAllEveryRequirementStaysOrGrowsAndOneGrows() {
        fails(
                () -> yearly().tier(Tier.named("silver").minSpend(twd(3_000)))
                        .tier(Tier.named("gold").minSpend(twd(2_000)))
                        .build(),
                "tiers[1].minSpend",
                "TWD 2000.00 is less than the minSpend TWD 3000.00 of tiers[0] \"silver\"; with match ALL a higher"
                        + " tier needs at least as much of everything the tier below needs, and more of something");
        fails(
                () -> yearly().tier(Tier.named("silver").minSpend(twd(3_000)))
                        .tier(Tier.named("gold").minOrders(5))
                        .build(),
                "tiers[1].minSpend",
                "is missing the minSpend TWD 3000.00 of tiers[0] \"silver\"; with match ALL a higher"
                        + " tier needs at least as much of everything the tier below needs, and more of something");
        fails(
                () -> yearly().tier(Tier.named("silver").minSpend(twd(3_000)).minOrders(3))
                        .tier(Tier.named("gold").minSpend(twd(5_000)).minOrders(2))
                        .build(),
                "tiers[1].minOrders",
                "2 is less than the minOrders 3 of tiers[0] \"silver\"; with match ALL a higher"
                        + " tier needs at least as much of everything the tier below needs, and more of something");
        fails(
                () -> yearly().tier(Tier.named("silver").minSpend(twd(3_000)))
                        .tier(Tier.named("gold").minSpend(twd(3_000)))
                        .build(),
                "tiers[1]",
                "\"gold\" needs the same as tiers[0] \"silver\"; a higher tier must need more spend or more orders");
        // the same spend and more orders is harder: allowed
        assertThat(yearly().tier(Tier.named("silver").minSpend(twd(3_000)))
                        .tier(Tier.named("gold").minSpend(twd(3_000)).minOrders(4))
                        .build()
                        .tiers())
                .hasSize(2);
    }

    @Test
    void withMatchAnyEveryRequirementGrowsAndNoneIsAdded() {
        fails(
                () -> yearly().match(TierProgram.Match.ANY)
                        .tier(Tier.named("silver").minSpend(twd(3_000)))
                        .tier(Tier.named("gold").minSpend(twd(10_000)).minOrders(10))
                        .build(),
                "tiers[1].minOrders",
                "with match ANY a higher tier may not add a requirement that tiers[0] \"silver\" does not have:"
                        + " members could reach it through minOrders without reaching tiers[0] \"silver\". Use match"
                        + " ALL, or give tiers[0] \"silver\" a minOrders too");
        fails(
                () -> yearly().match(TierProgram.Match.ANY)
                        .tier(Tier.named("silver").minSpend(twd(3_000)).minOrders(5))
                        .tier(Tier.named("gold").minSpend(twd(10_000)).minOrders(5))
                        .build(),
                "tiers[1].minOrders",
                "5 must be more than the minOrders 5 of tiers[0] \"silver\" (with match ANY every requirement of a"
                        + " higher tier must be higher)");
        // dropping a requirement under ANY makes the tier harder: allowed
        assertThat(yearly().match(TierProgram.Match.ANY)
                        .tier(Tier.named("silver").minSpend(twd(3_000)).minOrders(5))
                        .tier(Tier.named("gold").minSpend(twd(10_000)))
                        .build()
                        .match())
                .isEqualTo(TierProgram.Match.ANY);
    }

    @Test
    void benefitKeysAndValuesAreChecked() {
        fails(
                () -> Tier.named("gold").benefit("free shipping", true),
                "tier \"gold\" benefits",
                "\"free shipping\" is not a benefit key (a letter, then up to 63 letters, digits, _ . or -)");
        fails(
                () -> Tier.named("gold").benefit("gift", (Benefit) null),
                "tier \"gold\" benefits.gift",
                "a value is required");
        fails(() -> Benefit.decimal("1,5"), "benefit", "\"1,5\" is not a plain decimal such as \"1.5\"");
        fails(
                () -> Benefit.decimal(new BigDecimal("1E+19")),
                "benefit",
                "1E+19 is out of range: at most 18 digits before and after the point");
        fails(
                () -> Benefit.text("x".repeat(1001)),
                "benefit",
                "a text value has at most 1000 characters, this one 1001");
        assertThat(Benefit.decimal(new BigDecimal("1.50"))).isEqualTo(Benefit.decimal("1.5"));
        assertThat(Benefit.decimal(new BigDecimal("1E+3")).asDecimal()).contains(new BigDecimal("1000"));
    }

    @Test
    void tiersListReplacesEarlierTiers() {
        TierProgram p = yearly().tier(Tier.named("old"))
                .tiers(List.of(Tier.named("member"), Tier.named("gold").minOrders(3)))
                .build();
        assertThat(p.tiers()).extracting(Tier::name).containsExactly("member", "gold");
        fails(() -> yearly().tier(null), "tiers[0]", "is null");
    }
}
