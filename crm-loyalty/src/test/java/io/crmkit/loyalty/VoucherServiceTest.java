package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.HAO;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.twd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.StoreId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class VoucherServiceTest {
    @Test
    void buyPickUpAtAnyStoreGiftAndExpire() {
        VoucherService vs = VoucherService.builder(BRAND).build();
        Voucher v = vs.buy(MEI, "美式咖啡 中杯", 10, twd(450), Period.ofMonths(6), "pos-88", T0);
        assertThat(vs.buy(MEI, "美式咖啡 中杯", 10, twd(450), Period.ofMonths(6), "pos-88", days(1)))
                .isEqualTo(v);
        // bought 2026-03-01 Taipei → usable through 2026-09-01
        assertThat(v.expiresAt()).isEqualTo(Instant.parse("2026-09-01T16:00:00Z"));

        assertThat(vs.redeem(v.id(), MEI, StoreId.of("S-101"), "p1", days(1))
                        .after()
                        .remaining())
                .isEqualTo(9);
        assertThat(vs.redeem(v.id(), MEI, StoreId.of("S-207"), "p2", days(2))
                        .after()
                        .remaining())
                .isEqualTo(8);
        assertThat(vs.redeem(v.id(), MEI, StoreId.of("S-207"), "p2", days(3))
                        .after()
                        .remaining())
                .isEqualTo(8);
        assertThatThrownBy(() -> vs.redeem(v.id(), MEI, StoreId.of("S-999"), "p2", days(3)))
                .isInstanceOf(IdempotencyConflictException.class);

        VoucherEvent g = vs.gift(v.id(), MEI, HAO, "gift-1", days(4));
        assertThat(g.after().holder()).isEqualTo(HAO);
        assertThat(g.after().buyer()).isEqualTo(MEI);
        assertThat(vs.usable(HAO, days(4))).extracting(Voucher::id).containsExactly(v.id());
        assertThat(vs.usable(MEI, days(4))).isEmpty();
        assertThatThrownBy(() -> vs.redeem(v.id(), MEI, StoreId.of("S-1"), "p3", days(5)))
                .isInstanceOfSatisfying(
                        NotAllowedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_HOLDER));
        assertThatThrownBy(() -> vs.redeem(v.id(), HAO, StoreId.of("S-1"), "p4", v.expiresAt()))
                .isInstanceOfSatisfying(NotAllowedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
                    assertThat(e.getMessage()).contains(v.id().value(), "2026-09-01T16:00:00Z");
                });
        assertThat(vs.find(v.id()).orElseThrow().remaining()).isEqualTo(8);
        assertThat(vs.history(v.id()))
                .extracting(VoucherEvent::type)
                .containsExactly(
                        VoucherEvent.Type.PURCHASED,
                        VoucherEvent.Type.REDEEMED,
                        VoucherEvent.Type.REDEEMED,
                        VoucherEvent.Type.GIFTED);
    }

    @Test
    void aUsedUpOrUnknownVoucherIsATypedError() {
        VoucherService vs = VoucherService.builder(BRAND).build();
        Voucher v = vs.buy(MEI, "拿鐵", 1, twd(60), Period.ofDays(30), "b", T0);
        vs.redeem(v.id(), MEI, StoreId.of("S1"), "r1", T0);
        assertThatThrownBy(() -> vs.redeem(v.id(), MEI, StoreId.of("S1"), "r2", T0))
                .isInstanceOfSatisfying(
                        NotAllowedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.USED_UP));
        assertThatThrownBy(() -> vs.redeem(VoucherId.of("V-NOPE"), MEI, StoreId.of("S1"), "r3", T0))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("V-NOPE");
        assertThatThrownBy(() -> vs.buy(MEI, "拿鐵", 0, twd(60), Period.ofDays(30), "b2", T0))
                .isInstanceOf(io.crmkit.core.InvalidValueException.class)
                .hasMessageContaining("voucher.units");
    }
}
