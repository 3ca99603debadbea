package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.aov;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.orderCount;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * The campaign split of DOMAIN.md S2 (the Double-11 four groups) as a reusable cohort definition
 * over any campaign window: who bought in last year's campaign, came back since, and spends above
 * the brand's average order value. One discount budget, four offers.
 *
 * <ol>
 *   <li>{@code REPEAT_ABOVE_AOV}: bought in the campaign window, bought again after it, and their
 *       average order value (all time) is above the brand's;
 *   <li>{@code REPEAT_AT_OR_BELOW_AOV}: the same, at or below the brand's;
 *   <li>{@code CAMPAIGN_ONLY}: bought in the campaign window, nothing after it;
 *   <li>{@code OTHER_BUYERS}: did not buy in the campaign window but has bought at some time.
 * </ol>
 *
 * Every buyer is in exactly one group. Each group is an ordinary {@link Condition}, so it can be
 * counted, listed, explained, saved as a segment or written as JSON.
 *
 * <pre>{@code
 * LocalDate d11 = LocalDate.of(2025, 11, 11);
 * Money brandAov = snapshot.averageOrderValue(Window.allTime(), now).orElseThrow();
 * List<CampaignCohorts.Cohort> groups = CampaignCohorts.split(d11, d11.plusDays(1), brandAov);
 * for (CampaignCohorts.Cohort c : groups) {
 *     System.out.println(c.name() + ": " + snapshot.count(c.condition(), now));
 * }
 * }</pre>
 */
public final class CampaignCohorts {
    private CampaignCohorts() {}

    /**
     * One group of the split.
     *
     * @param name the group's name
     * @param condition who is in it
     */
    public record Cohort(String name, Condition condition) {}

    /**
     * @param from the campaign's first date, in the brand's zone
     * @param to the first date after the campaign
     * @param brandAov the brand's average order value, e.g. from {@link Snapshot#averageOrderValue}
     * @return the four groups, in the order of the class description
     * @throws InvalidValueException if {@code to} is not after {@code from} or an argument is missing
     */
    public static List<Cohort> split(LocalDate from, LocalDate to, Money brandAov) {
        if (brandAov == null) {
            throw new InvalidValueException("brandAov", "is required");
        }
        Window campaign = Window.between(from, to);
        // after the campaign, up to any as-of instant (the window never reaches past as-of)
        Window since = Window.between(to, LocalDate.of(9999, 1, 1));
        Condition inCampaign = orderCount(campaign).atLeast(1);
        Condition cameBack = orderCount(since).atLeast(1);
        Condition above = aov(Window.allTime())
                .atLeast(Money.ofMinor(Math.addExact(brandAov.minorUnits(), 1), brandAov.currency()));
        return List.of(
                new Cohort("REPEAT_ABOVE_AOV", allOf(inCampaign, cameBack, above)),
                new Cohort("REPEAT_AT_OR_BELOW_AOV", allOf(inCampaign, cameBack, not(above))),
                new Cohort("CAMPAIGN_ONLY", allOf(inCampaign, not(cameBack))),
                new Cohort(
                        "OTHER_BUYERS",
                        allOf(not(inCampaign), orderCount(Window.allTime()).atLeast(1))));
    }
}
