package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "The member holds tier X" (parameter {@code tier}) or "tier X or higher" ({@code atLeast}) as a
 * segment predicate, evaluated from the member's view as of the condition's instant.
 */
public final class TierPredicate implements CustomPredicate {
    private final String name;
    private final TierProgram program;
    private final BrandSettings brand;

    /**
     * @param name the predicate's name
     * @param program the programme
     * @param brand the brand's zone and currency
     */
    public TierPredicate(String name, TierProgram program, BrandSettings brand) {
        this.name = name;
        this.program = program;
        this.brand = brand;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void validate(Map<String, String> params) {
        index(params);
    }

    /** @return the tier index and whether higher tiers count too */
    private int[] index(Map<String, String> params) {
        String tier = params.get("tier");
        String atLeast = params.get("atLeast");
        if (params.size() != 1 || (tier == null && atLeast == null)) {
            throw new InvalidValueException(
                    "params",
                    "predicate \"" + name + "\" takes exactly one parameter: \"tier\" (holds that tier) or"
                            + " \"atLeast\" (holds that tier or a higher one); was " + params.keySet());
        }
        String wanted = tier != null ? tier : atLeast;
        List<Tier> tiers = program.tiers();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(wanted)) {
                return new int[] {i, tier != null ? 0 : 1};
            }
            names.add(tiers.get(i).name());
        }
        throw new InvalidValueException(
                tier != null ? "params.tier" : "params.atLeast",
                "\"" + wanted + "\" is not a tier of the programme; tiers: " + String.join(", ", names));
    }

    @Override
    public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
        int[] want = index(params);
        int held = program.evaluate(member.orders(), member.member().joinedAt(), asOf, brand)
                .tier()
                .map(t -> program.tiers().indexOf(t))
                .orElse(-1);
        return want[1] == 0 ? held == want[0] : held >= want[0];
    }

    @Override
    public String toString() {
        return "TierPredicate[" + name + "]";
    }
}
