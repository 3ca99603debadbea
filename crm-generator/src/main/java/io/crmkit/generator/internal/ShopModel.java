package io.crmkit.generator.internal;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Interaction;
import io.crmkit.core.Money;
import io.crmkit.core.Product;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.StoreId;
import io.crmkit.generator.GeneratorConfig;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Everything members share, computed once per generator: the time grid, the catalogue, the
 * campaign calendar, stores, sampling tables and shared immutable values. Immutable and
 * thread-safe; each thread generates members with its own {@link MemberWorker}.
 */
public final class ShopModel {
    static final AttributeKey<String> SKIN_TYPE = AttributeKey.ofString("skin_type");
    static final AttributeKey<Integer> CHILDREN = AttributeKey.ofInteger("children");
    static final AttributeKey<String> TAX_ID = AttributeKey.ofString("tax_id");

    /** Source channels, in the order of the weight arrays. */
    static final SalesChannel[] SOURCES = {
        SalesChannel.WEB,
        SalesChannel.APP,
        SalesChannel.POS,
        SalesChannel.LINE,
        SalesChannel.FACEBOOK,
        SalesChannel.SHOPEE,
        SalesChannel.MOMO
    };

    static final String[] SOURCE_CONSENT = {
        "signup-form", "app-signup", "pos", "line-oa", "facebook-lead-ad", "shopee-import", "momo-import"
    };

    final GeneratorConfig config;
    final long seed;
    final TimeGrid grid;
    final Catalogue catalogue;
    final Campaigns campaigns;
    final Currency currency;
    final long factor;
    final long refEpochDay;
    final int firstYear;
    final int lastYear;
    final String[] birthdayCoupon;

    final Alias surnames = new Alias(TaiwanData.SURNAME_WEIGHT);
    final Alias cities = new Alias(TaiwanData.CITY_POPULATION);
    final Alias emailDomains = new Alias(TaiwanData.EMAIL_DOMAIN_WEIGHT);
    final Alias chains = new Alias(TaiwanData.CVS_CHAIN_WEIGHT);
    final Alias ages;
    final Alias tops;
    final double[] sourceWithStore = Rand.cumulative(30, 14, 28, 15, 5, 7, 4);
    final double[] sourceWithoutStore = Rand.cumulative(36, 15, 2, 18, 6, 9, 5);

    final StoreId[] ownStores;
    final int[][] ownStoresOfCity;
    final StoreId[][][] cvs; // [city][chain][district]

    final Money zero;
    final Money fee60;
    final Money fee100;
    final Optional<ContactChannel>[] channelOpt;
    final Attributes[] productAttributes;
    final Attributes[] scoreAttributes;
    final Attributes winbackUrl;
    final Attributes cartUrl;
    final Attributes birthdayUrl;
    final long phoneA;
    final long phoneB;
    final long idA;
    final long idB;

    @SuppressWarnings("unchecked")
    private ShopModel(GeneratorConfig config) {
        this.config = config;
        this.seed = config.seed();
        this.currency = config.brand().currency();
        this.grid = new TimeGrid(config.start(), config.end(), config.brand().zone());
        this.catalogue = Catalogue.generate(config.catalogueSize(), seed, currency);
        this.campaigns = new Campaigns(grid, config.campaignsPerMonth(), seed);
        this.factor = catalogue.factor();
        LocalDate lastDay = grid.firstDay().plusDays(grid.days() - 1L);
        this.refEpochDay = lastDay.toEpochDay();
        this.firstYear = grid.firstDay().getYear();
        this.lastYear = lastDay.getYear();
        this.birthdayCoupon = new String[lastYear - firstYear + 1];
        for (int y = firstYear; y <= lastYear; y++) {
            birthdayCoupon[y - firstYear] = "BDAY-" + y;
        }
        double[] ageWeights = new double[53]; // 18..70
        for (int i = 0; i < ageWeights.length; i++) {
            int age = 18 + i;
            ageWeights[i] = age < 25
                    ? 0.8
                    : age < 30
                            ? 1.5
                            : age < 35
                                    ? 1.7
                                    : age < 40
                                            ? 1.6
                                            : age < 45
                                                    ? 1.3
                                                    : age < 50
                                                            ? 1.0
                                                            : age < 55 ? 0.7 : age < 60 ? 0.5 : age < 65 ? 0.35 : 0.2;
        }
        this.ages = new Alias(ageWeights);
        this.tops = new Alias(catalogue.topWeights());
        int nCities = TaiwanData.CITIES.length;
        this.ownStores = new StoreId[TaiwanData.OWN_STORES.length];
        int[] perCity = new int[nCities];
        for (int i = 0; i < ownStores.length; i++) {
            ownStores[i] = StoreId.of(TaiwanData.OWN_STORES[i]);
            perCity[TaiwanData.OWN_STORE_CITY[i]]++;
        }
        this.ownStoresOfCity = new int[nCities][];
        for (int c = 0; c < nCities; c++) {
            ownStoresOfCity[c] = new int[perCity[c]];
            int k = 0;
            for (int i = 0; i < ownStores.length; i++) {
                if (TaiwanData.OWN_STORE_CITY[i] == c) {
                    ownStoresOfCity[c][k++] = i;
                }
            }
        }
        this.cvs = new StoreId[nCities][TaiwanData.CVS_CHAINS.length][];
        for (int c = 0; c < nCities; c++) {
            String[] districts = TaiwanData.CITY_DISTRICTS[c];
            for (int ch = 0; ch < TaiwanData.CVS_CHAINS.length; ch++) {
                cvs[c][ch] = new StoreId[districts.length];
                for (int d = 0; d < districts.length; d++) {
                    cvs[c][ch][d] =
                            StoreId.of(TaiwanData.CVS_CHAINS[ch] + " " + TaiwanData.CITIES[c] + districts[d] + "店");
                }
            }
        }
        this.zero = Money.zero(currency);
        this.fee60 = Money.ofMinor(60 * factor, currency);
        this.fee100 = Money.ofMinor(100 * factor, currency);
        ContactChannel[] all = ContactChannel.values();
        this.channelOpt = (Optional<ContactChannel>[]) new Optional<?>[all.length];
        for (ContactChannel c : all) {
            channelOpt[c.ordinal()] = Optional.of(c);
        }
        this.productAttributes = new Attributes[catalogue.size()];
        for (int p = 0; p < productAttributes.length; p++) {
            productAttributes[p] = Attributes.empty()
                    .with(Interaction.PRODUCT_ID, catalogue.id(p).value());
        }
        this.scoreAttributes = new Attributes[6];
        for (int score = 0; score <= 5; score++) {
            scoreAttributes[score] = Attributes.empty().with(Interaction.SCORE, score);
        }
        this.winbackUrl = url("https://shop.example.com.tw/campaigns/winback");
        this.cartUrl = url("https://shop.example.com.tw/cart");
        this.birthdayUrl = url("https://shop.example.com.tw/campaigns/birthday");
        long m1 = Seeds.mix(seed, 0x9401E1L);
        this.phoneA = oddCoprimeTo10(Math.floorMod(m1, 100_000_000L));
        this.phoneB = Math.floorMod(Seeds.mix64(m1), 100_000_000L);
        long m2 = Seeds.mix(seed, 0x1D5L);
        this.idA = oddCoprimeTo10(Math.floorMod(m2, 100_000_000L));
        this.idB = Math.floorMod(Seeds.mix64(m2), 100_000_000L);
    }

    static Attributes url(String url) {
        return Attributes.empty().with(Interaction.URL, url);
    }

    private static long oddCoprimeTo10(long a) {
        long x = a | 1;
        if (x % 5 == 0) {
            x += 2;
        }
        return x;
    }

    /**
     * @param config a validated config
     * @return the shared model
     */
    public static ShopModel of(GeneratorConfig config) {
        return new ShopModel(config);
    }

    /** @return the catalogue's products */
    public List<Product> products() {
        return catalogue.products();
    }

    /** @return a new worker; a worker is not thread-safe */
    public MemberWorker newWorker() {
        return new MemberWorker(this);
    }

    /** A bijection of [0, 10^8) used for phone numbers. */
    long phoneDigits(long index) {
        return Math.floorMod(phoneA * index + phoneB, 100_000_000L);
    }

    /** Another bijection of [0, 10^8) used for external ids. */
    long idDigits(long index) {
        return Math.floorMod(idA * index + idB, 100_000_000L);
    }
}
