package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.segmentation.RfmTest.Buy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * As-of instants after the snapshot's latest order or refund share cached value columns; every
 * answer must still be the per-member one, at each instant in turn (before and after the last
 * event, in both orders).
 */
class StatsCacheTest {
    @Provide
    Arbitrary<List<Buy>> buys() {
        return new RfmTest().buys();
    }

    @Property(tries = 60)
    void cachedColumnsAnswerLikeThePerMemberTestAtEveryInstant(@ForAll("buys") List<Buy> buys) {
        Crm crm = RfmTest.shop(30, buys, 3);
        Snapshot snap = Snapshot.of(crm, SegmentCatalog.empty());
        SegmentEngine engine = SegmentEngine.of(crm, SegmentCatalog.empty());
        List<Condition> conditions = List.of(
                Where.spend(Window.lastDays(30)).atLeast(Money.of(150, RfmTest.BRAND.currency())),
                Where.orderCount(Window.allTime()).atLeast(2),
                Where.purchaseDays(Window.lastDays(400)).atLeast(2),
                Where.daysSinceLastPurchase().moreThan(10));
        Instant base = RfmTest.AS_OF;
        List<Instant> instants = List.of(
                base.plusSeconds(86_400L * 40),
                base.plusSeconds(86_400L * 40 + 1),
                base,
                base.plusSeconds(86_400L * 41),
                base.plusSeconds(86_400L * 5),
                base.plusSeconds(86_400L * 400));
        for (Instant at : instants) {
            for (Condition c : conditions) {
                List<MemberId> perMember = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    if (engine.test(c, crm.view(RfmTest.id(i), at).orElseThrow())) {
                        perMember.add(RfmTest.id(i));
                    }
                }
                assertThat(snap.evaluate(c, at).stream().toList())
                        .as("%s at %s", c, at)
                        .isEqualTo(perMember);
            }
        }
    }
}
