package io.crmkit.generator.internal;

import io.crmkit.core.Attributes;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import io.crmkit.generator.GeneratedMember;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Generates one member at a time from (seed, member index) alone, so any member can be generated
 * independently and in any order. Three random streams per member keep the parts independent: the
 * profile, the orders, and the interactions (turning interactions off changes nothing else).
 *
 * <p>Not thread-safe: it reuses scratch arrays between members. Use one per thread.
 */
public final class MemberWorker {
    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    /** Members who joined before the observation period (up to 3 years before it). */
    private static final double EXISTING_SHARE = 0.3;
    /** New members whose sign-up is part of their first purchase (POS, checkout). */
    private static final double FIRST_AT_SIGNUP = 0.55;

    // online payment methods and weights
    private static final PaymentMethod[] ONLINE_PAY = {
        PaymentMethod.CREDIT_CARD,
        PaymentMethod.LINE_PAY,
        PaymentMethod.JKO_PAY,
        PaymentMethod.APPLE_PAY,
        PaymentMethod.CONVENIENCE_STORE_COD,
        PaymentMethod.BANK_TRANSFER,
        PaymentMethod.CASH_ON_DELIVERY
    };
    private static final double[] ONLINE_PAY_W = Rand.cumulative(45, 18, 7, 5, 18, 4, 3);
    private static final PaymentMethod[] POS_PAY = {
        PaymentMethod.CASH, PaymentMethod.CREDIT_CARD, PaymentMethod.LINE_PAY, PaymentMethod.JKO_PAY
    };
    private static final double[] POS_PAY_W = Rand.cumulative(35, 45, 12, 8);
    private static final PaymentMethod[] MARKET_PAY = {
        PaymentMethod.CREDIT_CARD, PaymentMethod.CONVENIENCE_STORE_COD, PaymentMethod.BANK_TRANSFER
    };
    private static final double[] MARKET_PAY_W = Rand.cumulative(55, 35, 10);

    // order channels: WEB, APP, POS, LINE, SHOPEE, MOMO
    private static final SalesChannel[] ORDER_CHANNELS = {
        SalesChannel.WEB, SalesChannel.APP, SalesChannel.POS, SalesChannel.LINE, SalesChannel.SHOPEE, SalesChannel.MOMO
    };
    private static final int CH_WEB = 0;
    private static final int CH_APP = 1;
    private static final int CH_POS = 2;
    private static final int CH_LINE = 3;
    private static final int CH_SHOPEE = 4;
    private static final int CH_MOMO = 5;

    private static final int SHIP_HOME = 0;
    private static final int SHIP_CVS = 1;
    private static final int SHIP_STORE = 2;
    private static final int SHIP_IN_STORE = 3;
    private static final ShippingMethod[] SHIPPING = {
        ShippingMethod.HOME_DELIVERY,
        ShippingMethod.CONVENIENCE_STORE_PICKUP,
        ShippingMethod.STORE_PICKUP,
        ShippingMethod.IN_STORE
    };

    private static final ContactChannel[] CC = ContactChannel.values();
    private static final int EMAIL = ContactChannel.EMAIL.ordinal();
    private static final int SMS = ContactChannel.SMS.ordinal();
    private static final int LINE = ContactChannel.LINE.ordinal();
    private static final int FACEBOOK = ContactChannel.FACEBOOK.ordinal();
    private static final int APP_PUSH = ContactChannel.APP_PUSH.ordinal();
    private static final int PHONE_CALL = ContactChannel.PHONE_CALL.ordinal();

    private static final InteractionType[] TYPES = InteractionType.values();
    private static final byte SENT = (byte) InteractionType.MESSAGE_SENT.ordinal();
    private static final byte OPENED = (byte) InteractionType.MESSAGE_OPENED.ordinal();
    private static final byte CLICKED = (byte) InteractionType.MESSAGE_CLICKED.ordinal();
    private static final byte BOUNCED = (byte) InteractionType.MESSAGE_BOUNCED.ordinal();
    private static final byte UNSUBSCRIBED = (byte) InteractionType.UNSUBSCRIBED.ordinal();
    private static final byte SURVEY = (byte) InteractionType.SURVEY_ANSWERED.ordinal();
    private static final byte VIEWED = (byte) InteractionType.PAGE_VIEWED.ordinal();
    private static final byte ABANDONED = (byte) InteractionType.CART_ABANDONED.ordinal();
    private static final byte SERVICE = (byte) InteractionType.SERVICE_CONTACT.ordinal();
    private static final double[] SCORES = Rand.cumulative(6, 6, 13, 30, 45); // 1..5 stars
    private static final double[] SCORES_UNHAPPY = Rand.cumulative(30, 25, 25, 12, 8);

    private static final String[] SEQ3 = new String[1000];
    private static final String[] SEQ4 = new String[10_000];

    static {
        for (int i = 0; i < SEQ3.length; i++) {
            SEQ3[i] = Catalogue.pad(i, 3);
        }
        for (int i = 0; i < SEQ4.length; i++) {
            SEQ4[i] = Catalogue.pad(i, 4);
        }
    }

    private final ShopModel m;
    private final TimeGrid grid;
    private final Catalogue cat;
    private final Campaigns camp;
    private final long start;
    private final long end;
    private final long f;
    private final int maxOrders;
    private final double cancelRate;
    private final double refundRate;
    private final double rateShape;
    private final double rateAlpha;
    private final double dropA;
    private final double dropB;
    private final double spendP;
    private final double spendQ;
    private final double spendGamma;

    // per-member state
    private String no = "";
    private MemberId memberId = MemberId.of("M0");
    private long join;
    private long from; // join, or the start of the period for members who joined before it
    private int homeCity;
    private int workCity;
    private int birthMonth; // 0 = unknown
    private final boolean[] has = new boolean[CC.length];
    private final boolean[] optedIn = new boolean[CC.length];
    private final long[] optOutAt = new long[CC.length];
    private final @Nullable String[] optOutSource = new String[CC.length];
    private @Nullable ContactChannel preferred;
    private int orderCount;
    private final long[] orderAt;
    private final long[] deliveredAt;
    private final long[] refundAt;
    private final boolean[] cancelled;
    private final boolean[] online;
    private final Order[] orders;
    private final int[] hist = new int[24];
    private int histCount;
    private final int[] lp = new int[4];
    private final int[] lq = new int[4];
    private final long[] ld = new long[4];
    private final long[] ln = new long[4];
    private long vipAt;
    private double spendScale;
    private double couponSensitivity;
    private int ownStore;
    private int primary;
    private final double[] chw = new double[6];
    private final double[] chCum = new double[6];
    private int payPref;
    private int shipPref;
    private StoreId cvsHome = StoreId.of("-");
    private StoreId cvsWork = StoreId.of("-");
    private boolean commuter;
    private long firstPosAt;
    private int favTop;

    // pending interactions
    private int pn;
    private long[] pAt = new long[64];
    private byte[] pType = new byte[64];
    private byte[] pChannel = new byte[64];
    private int[] pCamp = new int[64];

    @SuppressWarnings("unchecked")
    private Optional<String>[] pMsg = (Optional<String>[]) new Optional<?>[64];

    private @Nullable Attributes[] pProps = new Attributes[64];
    private int[] pDuration = new int[64];
    private long[] keys = new long[64];
    private int journeySeq;

    MemberWorker(ShopModel model) {
        this.m = model;
        this.grid = model.grid;
        this.cat = model.catalogue;
        this.camp = model.campaigns;
        this.start = grid.start();
        this.end = grid.end();
        this.f = model.factor;
        this.maxOrders = model.config.maxOrdersPerMember();
        this.cancelRate = model.config.cancellationRate();
        this.refundRate = model.config.refundRate();
        this.rateShape = model.config.rateShape();
        this.rateAlpha = model.config.rateScale();
        this.dropA = model.config.dropoutA();
        this.dropB = model.config.dropoutB();
        this.spendP = model.config.spendShape();
        this.spendQ = model.config.spendMixShape();
        this.spendGamma = model.config.spendMixScale();
        this.orderAt = new long[maxOrders];
        this.deliveredAt = new long[maxOrders];
        this.refundAt = new long[maxOrders];
        this.cancelled = new boolean[maxOrders];
        this.online = new boolean[maxOrders];
        this.orders = new Order[maxOrders];
    }

    /**
     * @param index the member index, 0-based
     * @return the member with orders and interactions
     */
    public GeneratedMember generate(int index) {
        long seed = m.seed;
        SplittableRandom rp = new SplittableRandom(Seeds.member(seed, index, 0));
        SplittableRandom ro = new SplittableRandom(Seeds.member(seed, index, 1));
        no = Catalogue.pad(index + 1L, 8);
        memberId = MemberId.of("M" + no);
        Member.Builder mb = profile(rp, index);
        int n = orders(ro);
        List<Order> orderList = n == 0 ? List.of() : List.of(Arrays.copyOf(orders, n));
        finish(rp, mb, index);
        Member member = mb.build();
        List<Interaction> interactions = List.of();
        if (m.config.interactions()) {
            SplittableRandom ri = new SplittableRandom(Seeds.member(seed, index, 2));
            interactions = interactions(ri);
        }
        Arrays.fill(orders, 0, n, null);
        return new GeneratedMember(member, orderList, interactions);
    }

    // ------------------------------------------------------------------ profile

    private SalesChannel source = SalesChannel.WEB;
    private int sourceIndex;
    private @Nullable String given;
    private @Nullable String surname;
    private @Nullable String lineId;
    private @Nullable String facebookId;
    private @Nullable LocalDate birthday;

    private Member.Builder profile(SplittableRandom r, int index) {
        double u = r.nextDouble();
        Gender gender = u < 0.62 ? Gender.FEMALE : u < 0.965 ? Gender.MALE : u < 0.972 ? Gender.OTHER : Gender.UNKNOWN;
        birthday = null;
        birthMonth = 0;
        if (r.nextDouble() < 0.92) {
            int age = 18 + m.ages.sample(r);
            long epochDay = m.refEpochDay - (long) (age * 365.2425) - r.nextInt(365);
            birthday = LocalDate.ofEpochDay(epochDay);
            birthMonth = birthday.getMonthValue();
        }
        homeCity = m.cities.sample(r);
        workCity = homeCity;
        int[] to = TaiwanData.COMMUTE_TO[homeCity];
        if (to.length > 0 && r.nextDouble() < TaiwanData.COMMUTE_SHARE[homeCity][0]) {
            workCity = to[0];
        }
        if (r.nextDouble() < EXISTING_SHARE) { // joined before the observation period
            join = start - 1 - (long) (r.nextDouble() * 3 * 365 * DAY);
        } else {
            join = grid.joinTime(r.nextDouble());
        }
        from = Math.max(join, start);
        boolean storeNearby = m.ownStoresOfCity[homeCity].length > 0 || m.ownStoresOfCity[workCity].length > 0;
        sourceIndex = Rand.pick(r, storeNearby ? m.sourceWithStore : m.sourceWithoutStore);
        source = ShopModel.SOURCES[sourceIndex];
        Member.Builder b = Member.builder(memberId, Instant.ofEpochSecond(join))
                .gender(gender)
                .birthday(birthday)
                .region(TaiwanData.CITY_REGION[homeCity])
                .city(TaiwanData.CITIES[homeCity])
                .sourceChannel(source);
        given = null;
        surname = null;
        if (r.nextDouble() < 0.97) {
            int s = m.surnames.sample(r);
            boolean female = gender == Gender.FEMALE || (gender != Gender.MALE && r.nextBoolean());
            String[] chars = female ? TaiwanData.FEMALE_CHARS : TaiwanData.MALE_CHARS;
            String[] roman = female ? TaiwanData.FEMALE_ROMAN : TaiwanData.MALE_ROMAN;
            int g1 = r.nextInt(chars.length);
            int g2 = r.nextInt(chars.length - 1);
            if (g2 >= g1) {
                g2++;
            }
            b.name(TaiwanData.SURNAMES[s] + chars[g1] + chars[g2]);
            given = roman[g1] + roman[g2];
            surname = TaiwanData.SURNAME_ROMAN[s];
        }
        Arrays.fill(has, false);
        Arrays.fill(optedIn, false);
        Arrays.fill(optOutAt, 0);
        Arrays.fill(optOutSource, null);
        boolean pos = source == SalesChannel.POS;
        if (pos || r.nextDouble() < 0.95) {
            b.phone(PhoneNumber.parse(
                    phoneText(m.phoneDigits(index)), m.config.brand().countryCallingCode()));
            has[SMS] = true;
            has[PHONE_CALL] = true;
        }
        if (r.nextDouble() < (pos ? 0.55 : 0.88)) {
            b.email(new Email(emailOf(r, index)));
            has[EMAIL] = true;
        }
        lineId = null;
        if (source == SalesChannel.LINE || r.nextDouble() < 0.4) {
            lineId = lineIdOf(r);
            b.lineId(lineId);
            has[LINE] = true;
        }
        facebookId = null;
        if (source == SalesChannel.FACEBOOK || r.nextDouble() < 0.08) {
            facebookId = "1000" + Catalogue.pad(m.idDigits(index), 8) + Catalogue.pad(r.nextInt(1000), 3);
            b.facebookId(facebookId);
            has[FACEBOOK] = true;
        }
        has[APP_PUSH] = source == SalesChannel.APP || r.nextDouble() < 0.25;
        // consents given at sign-up; some are withdrawn later
        String consentSource = ShopModel.SOURCE_CONSENT[sourceIndex];
        consent(r, b, EMAIL, 0.72, 0.10, consentSource, "unsubscribe-link");
        consent(r, b, SMS, 0.55, 0.05, consentSource, "sms-stop");
        consent(r, b, LINE, 0.88, 0.08, consentSource, "line-block");
        consent(r, b, APP_PUSH, 0.65, 0.05, consentSource, "app-settings");
        consent(r, b, FACEBOOK, 0.5, 0.02, consentSource, "facebook-settings");
        if (has[PHONE_CALL] && r.nextDouble() < 0.1) {
            long at = between(r, join, end);
            b.consent(Consent.optOut(ContactChannel.PHONE_CALL, Instant.ofEpochSecond(at), "customer-service"));
        }
        double p = r.nextDouble();
        preferred = null;
        if (has[LINE] && p < 0.45) {
            preferred = ContactChannel.LINE;
        } else if (has[EMAIL] && p < 0.72) {
            preferred = ContactChannel.EMAIL;
        } else if (has[SMS] && p < 0.85) {
            preferred = ContactChannel.SMS;
        } else if (has[APP_PUSH] && p < 0.93) {
            preferred = ContactChannel.APP_PUSH;
        }
        b.preferredChannel(preferred);
        return b;
    }

    private void consent(
            SplittableRandom r,
            Member.Builder b,
            int ch,
            double optInShare,
            double laterOptOut,
            String source,
            String optOutSrc) {
        if (!has[ch]) {
            return;
        }
        Instant at = Instant.ofEpochSecond(join);
        if (r.nextDouble() < optInShare) {
            optedIn[ch] = true;
            if (r.nextDouble() < laterOptOut && end - from > 2 * DAY) {
                long out = between(r, from + DAY, end);
                optOutAt[ch] = out;
                optOutSource[ch] = optOutSrc;
                b.consent(Consent.optOut(CC[ch], Instant.ofEpochSecond(out), optOutSrc));
            } else {
                b.consent(Consent.optIn(CC[ch], at, source));
            }
        } else {
            b.consent(Consent.optOut(CC[ch], at, source));
        }
    }

    private static long between(SplittableRandom r, long from, long to) {
        if (to <= from) {
            return from;
        }
        return from + (long) (r.nextDouble() * (to - from));
    }

    private static String phoneText(long digits8) {
        char[] c = new char[12];
        c[0] = '0';
        c[1] = '9';
        c[4] = '-';
        c[8] = '-';
        int[] pos = {2, 3, 5, 6, 7, 9, 10, 11};
        long v = digits8;
        for (int i = 7; i >= 0; i--) {
            c[pos[i]] = (char) ('0' + (v % 10));
            v /= 10;
        }
        return new String(c);
    }

    private String emailOf(SplittableRandom r, int index) {
        String domain = TaiwanData.EMAIL_DOMAINS[m.emailDomains.sample(r)];
        String number = Integer.toString(index + 1);
        if (given == null || surname == null) {
            return "user" + number + "@" + domain;
        }
        switch (r.nextInt(4)) {
            case 0:
                return given + "." + surname + number + "@" + domain;
            case 1:
                return given + surname + number + "@" + domain;
            case 2:
                return surname + "." + given + number + "@" + domain;
            default:
                return surname + given.charAt(0) + "_" + number + "@" + domain;
        }
    }

    private static String lineIdOf(SplittableRandom r) {
        char[] c = new char[33];
        c[0] = 'U';
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 0; i < 16; i++) {
            c[1 + i] = Character.forDigit((int) ((a >>> (60 - 4 * i)) & 15), 16);
            c[17 + i] = Character.forDigit((int) ((b >>> (60 - 4 * i)) & 15), 16);
        }
        return new String(c);
    }

    // ------------------------------------------------------------------ orders

    private int orders(SplittableRandom r) {
        double lambda = Math.max(1e-9, Rand.gamma(r, rateShape, 1 / rateAlpha));
        double p = Rand.beta(r, dropA, dropB);
        double nu = Rand.gamma(r, spendQ, 1 / spendGamma);
        spendScale = 1 / nu;
        favTop = m.tops.sample(r);
        couponSensitivity = Rand.gamma(r, 2, 0.5);
        // channel preference
        int ownStoreHome = pickOwnStore(r, homeCity);
        int ownStoreWork = pickOwnStore(r, workCity);
        ownStore = ownStoreWork >= 0 && r.nextDouble() < 0.5
                ? ownStoreWork
                : ownStoreHome >= 0 ? ownStoreHome : ownStoreWork;
        double[] chw = this.chw;
        Arrays.fill(chw, 0);
        chw[CH_WEB] = 0.15;
        chw[CH_APP] = has[APP_PUSH] ? 0.10 : 0.02;
        chw[CH_POS] = ownStore >= 0 ? 0.06 : 0;
        chw[CH_LINE] = lineId != null ? 0.06 : 0.01;
        chw[CH_SHOPEE] = 0.03;
        chw[CH_MOMO] = 0.01;
        primary = switch (sourceIndex) {
            case 1 -> CH_APP;
            case 2 -> ownStore >= 0 ? CH_POS : CH_WEB;
            case 3 -> CH_LINE;
            case 5 -> CH_SHOPEE;
            case 6 -> CH_MOMO;
            default -> CH_WEB;
        };
        chw[primary] += 0.6;
        double sum = 0;
        for (int i = 0; i < chw.length; i++) {
            sum += chw[i];
            chCum[i] = sum;
        }
        payPref = Rand.pick(r, ONLINE_PAY_W);
        double sp = r.nextDouble();
        shipPref = sp < 0.55 ? SHIP_CVS : sp < 0.92 || ownStore < 0 ? SHIP_HOME : SHIP_STORE;
        cvsHome = cvsStore(r, homeCity);
        cvsWork = workCity != homeCity ? cvsStore(r, workCity) : cvsHome;
        commuter = workCity != homeCity;

        // BG/NBD: sign-up is the first chance to drop out; then purchases at rate lambda in shop time
        int n = 0;
        if (r.nextDouble() >= p) {
            // shop time is negative (plain days) before the period: purchases there are not recorded
            // but drop-out still happens, so members who joined long ago are alive in proportion
            double e = join >= start ? grid.shopTime(join) : -(double) (start - join) / DAY;
            double eEnd = grid.shopTimeEnd();
            if (join >= start && r.nextDouble() < FIRST_AT_SIGNUP) { // many sign up at their first purchase
                long t = join + 60 + r.nextInt(1800);
                if (t < end) {
                    orderAt[n++] = t;
                    e = grid.shopTime(t);
                }
            }
            boolean alive = n == 0 || r.nextDouble() >= p;
            int before = 0;
            while (alive && n < maxOrders) {
                e += r.nextExponential() / lambda;
                if (e >= eEnd) {
                    break;
                }
                if (e < 0) {
                    alive = r.nextDouble() >= p && ++before < 10 * maxOrders;
                    continue;
                }
                long t = grid.realTime(e);
                if (t < from) {
                    t = from;
                }
                if (n > 0 && t < orderAt[n - 1]) {
                    t = orderAt[n - 1];
                }
                orderAt[n++] = t;
                alive = r.nextDouble() >= p;
            }
        }
        orderCount = n;
        histCount = 0;
        vipAt = 0;
        firstPosAt = 0;
        long spent = 0;
        long vipThreshold = 20_000 * f;
        for (int k = 0; k < n; k++) {
            long total = order(r, k);
            if (!cancelled[k]) {
                spent += total;
                if (vipAt == 0 && spent >= vipThreshold) {
                    vipAt = orderAt[k];
                }
            }
        }
        return n;
    }

    /** Builds order k into {@code orders[k]}; returns its total in minor units. */
    private long order(SplittableRandom r, int k) {
        long t = orderAt[k];
        int h = grid.hourIndex(t);
        int day = grid.dayOfHour(h);
        int hour = grid.localHourOfHour(h);
        int ch = Rand.pick(r, chCum);
        if (ch == CH_POS && (ownStore < 0 || hour < 11 || hour > 21)) {
            ch = primary == CH_POS ? CH_WEB : primary;
        }
        boolean isOnline = ch != CH_POS;
        online[k] = isOnline;
        // basket
        double z = Rand.gamma(r, spendP, spendScale);
        if (grid.event(day) != TimeGrid.EV_NONE) {
            z *= 1.1;
        }
        int nl = lineCount(r, z);
        double budgetMinor = z * f / nl;
        int lines = 0;
        long sub = 0;
        for (int j = 0; j < nl; j++) {
            int prod = pickProduct(r, budgetMinor);
            int existing = -1;
            for (int x = 0; x < lines; x++) {
                if (lp[x] == prod) {
                    existing = x;
                }
            }
            if (existing >= 0) {
                if (lq[existing] < cat.maxQuantity(prod)) {
                    lq[existing]++;
                }
                continue;
            }
            long price = cat.priceMinor(prod);
            double ratio = budgetMinor / price;
            int q = ratio < 1.6 ? 1 : (int) Math.min(cat.maxQuantity(prod), Math.round(ratio));
            lp[lines] = prod;
            lq[lines] = q;
            ld[lines] = 0;
            lines++;
            remember(prod);
        }
        for (int x = 0; x < lines; x++) {
            long gross = cat.priceMinor(lp[x]) * lq[x];
            if (r.nextDouble() < 0.06) {
                int pct = r.nextBoolean() ? 10 : 20;
                ld[x] = gross * pct / 100 / f * f;
            }
            ln[x] = gross - ld[x];
            sub += ln[x];
        }
        // payment and shipping
        PaymentMethod pay;
        int ship;
        StoreId store = null;
        StoreId pickup = null;
        if (ch == CH_POS) {
            pay = POS_PAY[Rand.pick(r, POS_PAY_W)];
            ship = SHIP_IN_STORE;
            store = m.ownStores[ownStore];
            if (firstPosAt == 0) {
                firstPosAt = t;
            }
        } else if (ch == CH_SHOPEE || ch == CH_MOMO) {
            pay = MARKET_PAY[Rand.pick(r, MARKET_PAY_W)];
            ship = pay == PaymentMethod.CONVENIENCE_STORE_COD || r.nextDouble() < 0.7 ? SHIP_CVS : SHIP_HOME;
        } else {
            pay = ONLINE_PAY[r.nextDouble() < 0.7 ? payPref : Rand.pick(r, ONLINE_PAY_W)];
            if (ch == CH_LINE && r.nextDouble() < 0.4) {
                pay = PaymentMethod.LINE_PAY;
            }
            if (pay == PaymentMethod.CONVENIENCE_STORE_COD) {
                ship = SHIP_CVS;
            } else if (pay == PaymentMethod.CASH_ON_DELIVERY) {
                ship = SHIP_HOME;
            } else if (r.nextDouble() < 0.75) {
                ship = shipPref;
            } else {
                double s = r.nextDouble();
                ship = s < 0.55 ? SHIP_CVS : s < 0.93 || ownStore < 0 ? SHIP_HOME : SHIP_STORE;
            }
        }
        if (ship == SHIP_CVS) {
            pickup = commuter && r.nextDouble() < 0.6 ? cvsWork : cvsHome;
        } else if (ship == SHIP_STORE) {
            pickup = m.ownStores[ownStore];
        }
        long fee = 0;
        Money feeMoney = null;
        if (ship == SHIP_HOME && sub < 1000 * f) {
            fee = 100 * f;
            feeMoney = m.fee100;
        } else if (ship == SHIP_CVS && sub < 499 * f) {
            fee = 60 * f;
            feeMoney = m.fee60;
        }
        // coupon
        String coupon = null;
        long discount = 0;
        if (k == 0 && t - join < 30 * DAY && r.nextDouble() < 0.4) {
            coupon = "WELCOME100";
            discount = 100 * f;
        } else if (r.nextDouble() < Math.min(0.9, 0.06 * couponSensitivity * grid.couponBoost(day))) {
            String eventCode = grid.coupon(day);
            if (eventCode != null && r.nextDouble() < 0.85) {
                coupon = eventCode;
                discount = Math.min(sub * grid.eventPercent(day) / 100 / f * f, grid.eventCap(day) * f);
            } else if (birthMonth == grid.month(day) && r.nextDouble() < 0.6) {
                coupon = m.birthdayCoupon[grid.year(day) - m.firstYear];
                discount = sub >= 500 * f ? 200 * f : sub / 10 / f * f;
            } else if (ch == CH_LINE) {
                coupon = "LINE50";
                discount = 50 * f;
            } else if (vipAt != 0) {
                coupon = "VIP200";
                discount = 200 * f;
            } else {
                coupon = "MEMBER100";
                discount = sub >= 1000 * f ? 100 * f : 50 * f;
            }
        }
        discount = Math.min(discount, sub / 2 / f * f); // coupons never pay for more than half
        long total = sub - discount + fee;
        // status, delivery, refund
        boolean isCod = pay == PaymentMethod.CONVENIENCE_STORE_COD || pay == PaymentMethod.CASH_ON_DELIVERY;
        boolean isCancelled = isOnline && r.nextDouble() < cancelRate;
        cancelled[k] = isCancelled;
        long delivered = 0;
        OrderStatus status;
        if (isCancelled) {
            status = OrderStatus.CANCELLED;
        } else if (ch == CH_POS) {
            delivered = t;
            status = OrderStatus.COMPLETED;
        } else {
            int days = ship == SHIP_HOME ? 1 + r.nextInt(3) : ship == SHIP_CVS ? 2 + r.nextInt(4) : 1 + r.nextInt(3);
            long d = t + days * DAY + r.nextInt(12 * 3600);
            if (d >= end) {
                status = t >= end - DAY ? (isCod ? OrderStatus.PLACED : OrderStatus.PAID) : OrderStatus.FULFILLED;
            } else {
                delivered = d;
                status = d + 7 * DAY <= end ? OrderStatus.COMPLETED : OrderStatus.FULFILLED;
            }
        }
        deliveredAt[k] = delivered;
        refundAt[k] = 0;
        long refund = 0;
        if (delivered != 0 && r.nextDouble() < refundRate) {
            long at = delivered + DAY * (1 + r.nextInt(10)) + r.nextInt(36_000);
            if (at < end) {
                if (r.nextDouble() < 0.3) {
                    refund = total;
                } else if (lines > 1) {
                    refund = Math.min(ln[r.nextInt(lines)], total);
                } else if (lq[0] > 1) {
                    refund = Math.min(cat.priceMinor(lp[0]), total);
                } else {
                    refund = Math.max(f, total / 2 / f * f);
                }
                if (refund > 0 && refund <= total) {
                    refundAt[k] = at;
                } else {
                    refund = 0;
                }
            }
        }
        Order.Builder ob = Order.builder(OrderId.of("O" + no + "-" + SEQ3[k + 1]), memberId, Instant.ofEpochSecond(t))
                .status(status)
                .channel(ORDER_CHANNELS[ch])
                .paymentMethod(pay)
                .shippingMethod(SHIPPING[ship]);
        if (store != null) {
            ob.store(store);
        }
        if (pickup != null) {
            ob.pickupStore(pickup);
        }
        if (delivered != 0) {
            ob.deliveredAt(Instant.ofEpochSecond(delivered));
        }
        for (int x = 0; x < lines; x++) {
            int prod = lp[x];
            OrderLine line = OrderLine.of(cat.product(prod), lq[x], cat.price(prod));
            if (ld[x] > 0) {
                line = line.withDiscount(Money.ofMinor(ld[x], m.currency));
            }
            ob.line(line);
        }
        if (coupon != null) {
            ob.coupon(coupon);
            if (discount > 0) {
                ob.orderDiscount(Money.ofMinor(discount, m.currency));
            }
        }
        if (feeMoney != null) {
            ob.shippingFee(feeMoney);
        }
        if (refundAt[k] != 0) {
            ob.refund(new Refund(
                    Instant.ofEpochSecond(refundAt[k]),
                    Money.ofMinor(refund, m.currency),
                    TaiwanData.REFUND_REASONS[r.nextInt(TaiwanData.REFUND_REASONS.length)]));
        }
        orders[k] = ob.build();
        return total;
    }

    private int pickOwnStore(SplittableRandom r, int city) {
        int[] s = m.ownStoresOfCity[city];
        return s.length == 0 ? -1 : s[r.nextInt(s.length)];
    }

    private StoreId cvsStore(SplittableRandom r, int city) {
        StoreId[] ds = m.cvs[city][m.chains.sample(r)];
        return ds[r.nextInt(ds.length)];
    }

    private static int lineCount(SplittableRandom r, double z) {
        double u = r.nextDouble();
        if (z < 500) {
            return u < 0.75 ? 1 : u < 0.95 ? 2 : 3;
        }
        if (z < 1500) {
            return u < 0.5 ? 1 : u < 0.8 ? 2 : u < 0.95 ? 3 : 4;
        }
        return u < 0.3 ? 1 : u < 0.65 ? 2 : u < 0.85 ? 3 : 4;
    }

    private int pickProduct(SplittableRandom r, double budgetMinor) {
        if (histCount > 0 && r.nextDouble() < 0.25) {
            return hist[r.nextInt(histCount)]; // replenishment: buy again what was bought before
        }
        int best = -1;
        for (int attempt = 0; attempt < 3; attempt++) {
            int prod = r.nextDouble() < 0.6 ? cat.sampleInTop(r, favTop) : cat.samplePopular(r);
            if (cat.priceMinor(prod) <= 1.8 * budgetMinor) {
                return prod;
            }
            if (best < 0 || cat.priceMinor(prod) < cat.priceMinor(best)) {
                best = prod;
            }
        }
        return best;
    }

    private void remember(int prod) {
        for (int i = 0; i < histCount; i++) {
            if (hist[i] == prod) {
                return;
            }
        }
        if (histCount < hist.length) {
            hist[histCount++] = prod;
        }
    }

    // ------------------------------------------------------------------ finishing the member

    private void finish(SplittableRandom r, Member.Builder b, int index) {
        Instant joined = Instant.ofEpochSecond(join);
        String idDigits = Catalogue.pad(m.idDigits(index), 8);
        switch (sourceIndex) {
            case 0 -> b.externalId(new ExternalId("SHOPIFY", "7" + Catalogue.pad(m.idDigits(index), 12)));
            case 1 -> b.externalId(new ExternalId("APP", "A" + idDigits));
            case 2 -> b.externalId(new ExternalId("POS", "C" + idDigits));
            case 3 -> {}
            case 4 -> b.externalId(new ExternalId("FACEBOOK", facebookId == null ? "FB" + idDigits : facebookId));
            case 5 ->
                b.externalId(new ExternalId(
                        "SHOPEE", (given == null ? "buyer" : given + "_" + surname) + "_" + (index + 1)));
            default -> b.externalId(new ExternalId("MOMO", "m" + idDigits));
        }
        if (lineId != null && (sourceIndex == 3 || r.nextDouble() < 0.5)) {
            b.externalId(new ExternalId("LINE", lineId));
        }
        if (sourceIndex != 2 && firstPosAt != 0 && r.nextDouble() < 0.6) {
            b.externalId(new ExternalId("POS", "C" + idDigits));
        }
        if (sourceIndex == 5) {
            b.tag(new Tag("marketplace:shopee", Tag.Source.IMPORT, "shopee-import", joined));
        } else if (sourceIndex == 6) {
            b.tag(new Tag("marketplace:momo", Tag.Source.IMPORT, "momo-import", joined));
        }
        if (vipAt != 0) {
            b.tag(Tag.rule("vip", "rule:spend-20k", Instant.ofEpochSecond(vipAt)));
        }
        if (r.nextDouble() < 0.08) {
            b.tag(Tag.manual(
                    TaiwanData.MANUAL_TAGS[r.nextInt(TaiwanData.MANUAL_TAGS.length)],
                    TaiwanData.AGENTS[r.nextInt(TaiwanData.AGENTS.length)],
                    Instant.ofEpochSecond(between(r, join, end))));
        }
        if (r.nextDouble() < 0.015) {
            b.note(new Note(
                    TaiwanData.NOTES[r.nextInt(TaiwanData.NOTES.length)],
                    TaiwanData.AGENTS[r.nextInt(TaiwanData.AGENTS.length)],
                    Instant.ofEpochSecond(between(r, join, end))));
        }
        if (r.nextDouble() < 0.35) {
            b.attribute(ShopModel.SKIN_TYPE, TaiwanData.SKIN_TYPES[r.nextInt(TaiwanData.SKIN_TYPES.length)]);
        }
        if (r.nextDouble() < 0.18) {
            b.attribute(ShopModel.CHILDREN, 1 + r.nextInt(3));
        }
        if (r.nextDouble() < 0.03) {
            b.attribute(ShopModel.TAX_ID, Catalogue.pad(10_000_000 + r.nextInt(90_000_000), 8));
        }
    }

    // ------------------------------------------------------------------ interactions

    private boolean reachable(int ch, long t) {
        return has[ch] && optedIn[ch] && t >= join && (optOutAt[ch] == 0 || t < optOutAt[ch]);
    }

    private int journeyChannel(long t) {
        if (preferred != null
                && preferred != ContactChannel.SMS
                && preferred != ContactChannel.PHONE_CALL
                && reachable(preferred.ordinal(), t)) {
            return preferred.ordinal();
        }
        if (reachable(LINE, t)) {
            return LINE;
        }
        if (reachable(EMAIL, t)) {
            return EMAIL;
        }
        if (reachable(APP_PUSH, t)) {
            return APP_PUSH;
        }
        return -1;
    }

    private List<Interaction> interactions(SplittableRandom r) {
        pn = 0;
        journeySeq = 0;
        double engagement = Rand.beta(r, 2, 3);
        int journeyBase = camp.count;
        // welcome journey, the day after sign-up
        long w = join + 20 * HOUR + r.nextInt(7200);
        int wc = journeyChannel(w);
        if (wc >= 0 && join >= start) {
            message(r, w, wc, journeyBase + Campaigns.WELCOME, journeyMessage(Campaigns.WELCOME), null, engagement);
        }
        // campaigns
        for (int c = 0; c < camp.count; c++) {
            long at = camp.at[c];
            if (at <= join) {
                continue;
            }
            int ch = camp.channel[c].ordinal();
            if (!reachable(ch, at) || r.nextDouble() >= camp.share[c]) {
                continue;
            }
            message(
                    r,
                    at + r.nextInt(900),
                    ch,
                    c,
                    Optional.of(camp.idText[c] + "-" + no),
                    camp.urlAttributes[c],
                    engagement);
        }
        // unsubscribes recorded as consent opt-outs
        for (int ch = 0; ch < CC.length; ch++) {
            if (optOutAt[ch] != 0 && ch != PHONE_CALL && ch != FACEBOOK) {
                add(optOutAt[ch], UNSUBSCRIBED, ch, -1, null);
            }
        }
        // around orders
        int n = orderCount;
        for (int k = 0; k < n; k++) {
            long t = orderAt[k];
            if (online[k] && r.nextDouble() < 0.35) {
                Order o = orders[k];
                int views = 1 + r.nextInt(3);
                long v = t - 60 - r.nextInt(1800);
                for (int i = 0; i < views && v > from; i++) {
                    int prod = productIndex(o, r.nextInt(o.lines().size()));
                    viewProduct(r, v, prod);
                    v -= 30 + r.nextInt(600);
                }
            }
            long d = deliveredAt[k];
            if (d != 0 && r.nextDouble() < 0.5) {
                long s = d + 7 * DAY;
                int ch = journeyChannel(s);
                if (s < end && ch >= 0 && ch != APP_PUSH) {
                    Optional<String> msg = journeyMessage(Campaigns.SURVEY);
                    add(s, SENT, ch, journeyBase + Campaigns.SURVEY, msg);
                    boolean unhappy = refundAt[k] != 0;
                    if (r.nextDouble() < (unhappy ? 0.3 : 0.18)) {
                        long a = s + 300 + (long) (r.nextExponential() * 6 * HOUR);
                        if (a < end) {
                            add(a, SURVEY, ch, journeyBase + Campaigns.SURVEY, msg);
                            pProps[pn - 1] = m.scoreAttributes[1 + Rand.pick(r, unhappy ? SCORES_UNHAPPY : SCORES)];
                        }
                    }
                }
            }
            if (refundAt[k] != 0) {
                long s = Math.max(t, refundAt[k] - r.nextInt((int) (2 * DAY)));
                add(s, SERVICE, lineId != null ? LINE : PHONE_CALL, -1, null);
            }
            long next = k + 1 < n ? orderAt[k + 1] : end;
            long wb = t + 90 * DAY;
            if (next > wb && wb < end) {
                int ch = journeyChannel(wb);
                if (ch >= 0) {
                    message(
                            r,
                            wb,
                            ch,
                            journeyBase + Campaigns.WINBACK,
                            journeyMessage(Campaigns.WINBACK),
                            m.winbackUrl,
                            engagement);
                }
            }
        }
        // browsing sessions, some ending in an abandoned cart
        if (end - from > HOUR) {
            int sessions = Math.min(12, Rand.poisson(r, 0.4 + 0.15 * n));
            for (int s = 0; s < sessions; s++) {
                long t = between(r, from, end - HOUR);
                int views = 1 + r.nextInt(3);
                int prod = 0;
                for (int i = 0; i < views; i++) {
                    prod = r.nextDouble() < 0.6 ? cat.sampleInTop(r, favTop) : cat.samplePopular(r);
                    viewProduct(r, t, prod);
                    t += 20 + r.nextInt(300);
                }
                if (r.nextDouble() < 0.35) {
                    add(t, ABANDONED, -1, -1, null);
                    pProps[pn - 1] = m.productAttributes[prod];
                    long rem = t + HOUR;
                    int ch = journeyChannel(rem);
                    if (ch >= 0 && rem < end) {
                        message(
                                r,
                                rem,
                                ch,
                                journeyBase + Campaigns.CART,
                                journeyMessage(Campaigns.CART),
                                m.cartUrl,
                                engagement);
                    }
                }
            }
        }
        // birthday journey, on the first day of the birthday month
        if (birthMonth != 0) {
            for (int y = m.firstYear; y <= m.lastYear; y++) {
                int day = grid.dayIndex(LocalDate.of(y, birthMonth, 1));
                if (day < 0 || day >= grid.days()) {
                    continue;
                }
                long t = grid.dayStart(day) + 10 * HOUR;
                int ch = journeyChannel(t);
                if (t > join && t >= start && t < end && ch >= 0) {
                    message(
                            r,
                            t,
                            ch,
                            journeyBase + Campaigns.BIRTHDAY,
                            journeyMessage(Campaigns.BIRTHDAY),
                            m.birthdayUrl,
                            engagement);
                }
            }
        }
        return build();
    }

    private int productIndex(Order o, int line) {
        String id = o.lines().get(line).productId().value();
        return Integer.parseInt(id, 1, id.length(), 10) - 1;
    }

    private Optional<String> journeyMessage(int journey) {
        journeySeq++;
        return Optional.of(camp.journeyText[journey] + "-" + no + "-" + journeySeq);
    }

    private void viewProduct(SplittableRandom r, long t, int prod) {
        add(t, VIEWED, -1, -1, null);
        pDuration[pn - 1] = 5 + (int) Math.min(1800, r.nextExponential() * 60);
        pProps[pn - 1] = m.productAttributes[prod];
    }

    /** A message send and what follows it: bounce, open, click and landing-page view. */
    private void message(
            SplittableRandom r,
            long at,
            int ch,
            int campRef,
            Optional<String> msg,
            @Nullable Attributes url,
            double engagement) {
        if (at >= end) {
            return;
        }
        add(at, SENT, ch, campRef, msg);
        if (ch == EMAIL && r.nextDouble() < 0.015) {
            if (at + 30 < end) {
                add(at + 30, BOUNCED, ch, campRef, msg);
            }
            return;
        }
        long buyAt = orderWithin(at, 72 * HOUR);
        boolean converts = buyAt > 0;
        double open;
        if (ch == EMAIL) {
            open = 0.55 * engagement;
        } else if (ch == LINE) {
            open = Math.min(0.9, 1.3 * engagement);
        } else if (ch == APP_PUSH) {
            open = 0.3 * engagement;
        } else {
            open = 0; // no open tracking for SMS
        }
        if (converts) {
            open = Math.min(0.95, open * 2 + 0.1);
        }
        double click = converts ? 0.55 : 0.1;
        long o;
        if (ch == SMS) {
            if (url == null || r.nextDouble() >= (converts ? 0.2 : 0.03)) {
                return;
            }
            o = at;
        } else {
            if (r.nextDouble() >= open) {
                return;
            }
            o = converts
                    ? at + (long) (r.nextDouble() * (buyAt - at) * 0.7)
                    : at + 10 + (long) (r.nextExponential() * 2 * HOUR);
            if (o >= end) {
                return;
            }
            add(o, OPENED, ch, campRef, msg);
            if (url == null || r.nextDouble() >= click) {
                return;
            }
        }
        long c = o + 5 + r.nextInt(240);
        if (c + 2 >= end) {
            return;
        }
        add(c, CLICKED, ch, campRef, msg);
        pProps[pn - 1] = url;
        add(c + 2, VIEWED, -1, campRef, null);
        pProps[pn - 1] = url;
        pDuration[pn - 1] = 10 + r.nextInt(170);
    }

    /** @return the first order placed in (at, at + window], or 0 */
    private long orderWithin(long at, long window) {
        int lo = 0;
        int hi = orderCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (orderAt[mid] <= at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < orderCount && orderAt[lo] <= at + window ? orderAt[lo] : 0;
    }

    private void add(long at, byte type, int ch, int campRef, @Nullable Optional<String> msg) {
        if (pn == pAt.length) {
            grow();
        }
        pAt[pn] = at;
        pType[pn] = type;
        pChannel[pn] = (byte) ch;
        pCamp[pn] = campRef;
        pMsg[pn] = msg == null ? Optional.empty() : msg;
        pProps[pn] = null;
        pDuration[pn] = -1;
        pn++;
    }

    private void grow() {
        int len = pAt.length * 2;
        pAt = Arrays.copyOf(pAt, len);
        pType = Arrays.copyOf(pType, len);
        pChannel = Arrays.copyOf(pChannel, len);
        pCamp = Arrays.copyOf(pCamp, len);
        pMsg = Arrays.copyOf(pMsg, len);
        pProps = Arrays.copyOf(pProps, len);
        pDuration = Arrays.copyOf(pDuration, len);
        keys = new long[len];
    }

    private List<Interaction> build() {
        if (pn == 0) {
            return List.of();
        }
        for (int i = 0; i < pn; i++) {
            keys[i] = ((pAt[i] - start) << 21) | i;
        }
        Arrays.sort(keys, 0, pn);
        Interaction[] out = new Interaction[pn];
        String prefix = "I" + no + "-";
        for (int k = 0; k < pn; k++) {
            int i = (int) (keys[k] & 0x1FFFFF);
            Attributes props = pProps[i];
            if (props == null) {
                props = Attributes.empty();
            }
            if (pDuration[i] >= 0) {
                props = props.with(Interaction.DURATION_SECONDS, (long) pDuration[i]);
            }
            int ch = pChannel[i];
            int cr = pCamp[i];
            Optional<CampaignId> campaign =
                    cr < 0 ? Optional.empty() : cr < camp.count ? camp.id[cr] : camp.journey[cr - camp.count];
            out[k] = new Interaction(
                    InteractionId.of(prefix + (k < 9999 ? SEQ4[k + 1] : Integer.toString(k + 1))),
                    memberId,
                    Instant.ofEpochSecond(pAt[i]),
                    TYPES[pType[i]],
                    ch < 0 ? Optional.empty() : m.channelOpt[ch],
                    campaign,
                    pMsg[i],
                    props);
            pMsg[i] = null;
            pProps[i] = null;
        }
        return List.of(out);
    }
}
