package io.crmkit.generator.internal;

import io.crmkit.core.Category;
import io.crmkit.core.Money;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generated product catalogue with everything the order hot loop needs precomputed: prices in
 * minor units, shared {@link Money}, {@link Category} and {@link ProductId} instances, and alias
 * tables for Zipf-like popularity overall and within each top-level category.
 */
public final class Catalogue {
    /** One top-level category: name, weight, margin range, max quantity, sub-categories. */
    private record Top(String name, double weight, double marginLow, double marginHigh, int maxQty, Sub... subs) {}

    /** A sub-category: name, lowest and highest list price, item names and variants. */
    private record Sub(String name, int priceLow, int priceHigh, String[] items, String[] variants) {}

    private static String[] a(String... s) {
        return s;
    }

    private static final Top[] TOPS = {
        new Top(
                "美妝保養",
                0.27,
                0.55,
                0.75,
                3,
                new Sub(
                        "臉部保養",
                        390,
                        2680,
                        a("玻尿酸保濕精華液", "積雪草修護化妝水", "煥白亮膚乳液", "胜肽緊緻面霜", "舒緩保濕凝膠", "抗老眼霜"),
                        a("30ml", "50ml", "100ml", "150ml")),
                new Sub("面膜", 199, 699, a("保濕面膜", "亮白面膜", "修護面膜", "竹炭黑面膜"), a("5片入", "10片入", "30片入")),
                new Sub("彩妝", 290, 1280, a("持久粉底液", "氣墊粉餅", "霧面唇膏", "四色眼影盤", "防水睫毛膏"), a("01自然色", "02象牙白", "03蜜桃")),
                new Sub("身體保養", 250, 890, a("香氛身體乳", "護手霜", "胺基酸沐浴露", "海鹽磨砂膏"), a("白茶", "玫瑰", "薰衣草", "無香")),
                new Sub("防曬", 390, 990, a("清爽防曬乳", "物理防曬霜", "防曬噴霧"), a("SPF50 50ml", "SPF30 30ml"))),
        new Top(
                "居家生活",
                0.22,
                0.35,
                0.50,
                6,
                new Sub("廚房用品", 199, 1980, a("不沾平底鍋", "玻璃保鮮盒組", "琺瑯湯鍋", "陶瓷馬克杯", "抗菌砧板"), a("粉藍", "奶油白", "薄荷綠", "櫻花粉")),
                new Sub("清潔用品", 99, 499, a("濃縮洗衣精", "天然洗碗精", "地板清潔劑", "除霉噴霧", "抗菌濕紙巾"), a("補充包", "1000ml", "3入組")),
                new Sub("收納", 149, 890, a("可堆疊收納箱", "伸縮衣架", "抽屜整理盒"), a("S", "M", "L")),
                new Sub("寢具", 490, 2980, a("天絲枕頭套", "涼感被", "記憶枕"), a("單人", "雙人", "加大")),
                new Sub("衛生用品", 89, 399, a("衛生棉 日用", "衛生棉 夜用", "護墊", "抽取式衛生紙"), a("單包", "6包組", "箱購"))),
        new Top(
                "食品飲料",
                0.20,
                0.25,
                0.35,
                6,
                new Sub("零食", 99, 590, a("海苔脆片", "綜合堅果", "手工牛軋糖", "鳳梨酥禮盒", "黑糖麻糬"), a("小包", "家庭包", "禮盒")),
                new Sub("飲品", 150, 680, a("可可粉", "高山烏龍茶包", "冷萃咖啡", "黑豆漿", "蜂蜜檸檬飲"), a("500g", "20入", "12瓶")),
                new Sub("保健食品", 490, 1880, a("綜合維他命", "益生菌", "葉黃素", "膠原蛋白粉", "魚油"), a("30日份", "60日份", "90日份")),
                new Sub("生鮮冷凍", 180, 680, a("手工水餃", "牛肉麵調理包", "台灣鯛魚片"), a("1入", "3入", "5入"))),
        new Top(
                "服飾配件",
                0.15,
                0.50,
                0.65,
                3,
                new Sub("女裝", 390, 1980, a("棉質上衣", "雪紡洋裝", "高腰寬褲", "針織外套"), a("S", "M", "L", "XL")),
                new Sub("男裝", 390, 1980, a("素面T恤", "休閒襯衫", "直筒牛仔褲", "防風外套"), a("M", "L", "XL")),
                new Sub("配件", 190, 1290, a("帆布托特包", "棒球帽", "羊毛圍巾", "襪子三雙組"), a("黑", "米白", "深藍")),
                new Sub("鞋類", 590, 2480, a("輕量休閒鞋", "室內拖鞋"), a("23", "24", "25", "26"))),
        new Top(
                "母嬰用品",
                0.09,
                0.30,
                0.40,
                4,
                new Sub("尿布", 399, 999, a("黏貼型尿布", "褲型尿布"), a("M", "L", "XL")),
                new Sub("副食品", 150, 499, a("嬰兒米餅", "寶寶粥", "果泥"), a("原味", "南瓜", "蘋果")),
                new Sub("嬰兒清潔", 99, 450, a("嬰兒濕紙巾", "嬰兒洗髮沐浴乳"), a("單包", "箱購")),
                new Sub("玩具", 290, 1680, a("積木組", "安撫玩偶", "洗澡玩具"), a("基本款", "豪華款"))),
        new Top(
                "3C家電",
                0.05,
                0.15,
                0.25,
                2,
                new Sub("手機配件", 290, 1490, a("快充充電器", "編織傳輸線", "手機殼", "行動電源"), a("黑", "白")),
                new Sub("小家電", 990, 8990, a("氣炸鍋", "手持吸塵器", "電動牙刷", "負離子吹風機", "除濕機"), a("標準版", "旗艦版")),
                new Sub("耳機", 590, 4990, a("藍牙耳機", "降噪耳機"), a("黑", "白"))),
        new Top(
                "寵物用品",
                0.04,
                0.30,
                0.40,
                4,
                new Sub("貓", 99, 990, a("豆腐貓砂", "主食貓罐", "貓抓板"), a("單入", "6入", "24入")),
                new Sub("狗", 149, 1290, a("無穀狗飼料", "潔牙骨"), a("小包", "大包")))
    };

    private static final String[] SERIES = {"日常", "極淨", "森活", "小日子", "好感", "初心", "島嶼", "微光"};

    /** The number of top-level categories. */
    public static final int TOP_COUNT = TOPS.length;

    private final Currency currency;
    private final long factor;
    private final List<Product> products;
    private final ProductId[] ids;
    private final String[] names;
    private final Category[] categories;
    private final int[] topOf;
    private final long[] priceMinor;
    private final Money[] price;
    private final Money[] cost;
    private final int[] maxQty;
    private final Alias all;
    private final Alias[] byTop;
    private final int[][] topProducts;
    private final double[] topWeight;

    private Catalogue(int size, long seed, Currency currency) {
        this.currency = currency;
        this.factor = pow10(Math.max(0, currency.getDefaultFractionDigits()));
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0xCA7A1064L));
        int subCount = 0;
        for (Top t : TOPS) {
            subCount += t.subs.length;
        }
        topWeight = new double[TOPS.length];
        for (int i = 0; i < TOPS.length; i++) {
            topWeight[i] = TOPS[i].weight;
        }
        Alias topAlias = new Alias(topWeight);
        ids = new ProductId[size];
        names = new String[size];
        categories = new Category[size];
        topOf = new int[size];
        priceMinor = new long[size];
        price = new Money[size];
        cost = new Money[size];
        maxQty = new int[size];
        Category[][] subCats = new Category[TOPS.length][];
        for (int t = 0; t < TOPS.length; t++) {
            subCats[t] = new Category[TOPS[t].subs.length];
            for (int s = 0; s < TOPS[t].subs.length; s++) {
                subCats[t][s] = Category.of(TOPS[t].name + " > " + TOPS[t].subs[s].name);
            }
        }
        Set<String> seen = new HashSet<>();
        int[] perTop = new int[TOPS.length];
        List<Product> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int t;
            int s;
            if (i < subCount) { // every sub-category gets at least one product
                int k = i;
                t = 0;
                while (k >= TOPS[t].subs.length) {
                    k -= TOPS[t].subs.length;
                    t++;
                }
                s = k;
            } else {
                t = topAlias.sample(r);
                s = r.nextInt(TOPS[t].subs.length);
            }
            Top top = TOPS[t];
            Sub sub = top.subs[s];
            String name = null;
            for (int attempt = 0; attempt < 50 && name == null; attempt++) {
                String candidate = (attempt < 10 ? "" : SERIES[r.nextInt(SERIES.length)])
                        + sub.items[r.nextInt(sub.items.length)] + " " + sub.variants[r.nextInt(sub.variants.length)];
                if (seen.add(candidate)) {
                    name = candidate;
                }
            }
            if (name == null) {
                name = sub.items[r.nextInt(sub.items.length)] + " 第" + (i + 1) + "款";
                seen.add(name);
            }
            double logPrice =
                    Math.log(sub.priceLow) + r.nextDouble() * (Math.log(sub.priceHigh) - Math.log(sub.priceLow));
            long major = nicePrice(Math.exp(logPrice));
            double margin = top.marginLow + r.nextDouble() * (top.marginHigh - top.marginLow);
            long costMajor = Math.max(1, Math.round(major * (1 - margin)));
            String num = pad(i + 1, 4);
            ids[i] = ProductId.of("P" + num);
            names[i] = name;
            categories[i] = subCats[t][s];
            topOf[i] = t;
            priceMinor[i] = major * factor;
            price[i] = Money.ofMinor(major * factor, currency);
            cost[i] = Money.ofMinor(costMajor * factor, currency);
            maxQty[i] = top.maxQty;
            perTop[t]++;
            list.add(new Product(ids[i], name, categories[i], Optional.of(price[i]), Optional.of(cost[i])));
        }
        this.products = List.copyOf(list);
        // Zipf-like popularity: a random rank per product, weight 1 / rank^1.1
        double[] popularity = new double[size];
        int[] rank = new int[size];
        for (int i = 0; i < size; i++) {
            rank[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = rank[i];
            rank[i] = rank[j];
            rank[j] = tmp;
        }
        for (int i = 0; i < size; i++) {
            popularity[i] = 1.0 / Math.pow(rank[i] + 1, 1.1);
        }
        this.all = new Alias(popularity);
        this.byTop = new Alias[TOPS.length];
        this.topProducts = new int[TOPS.length][];
        for (int t = 0; t < TOPS.length; t++) {
            int[] members = new int[perTop[t]];
            double[] w = new double[perTop[t]];
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (topOf[i] == t) {
                    members[k] = i;
                    w[k] = popularity[i];
                    k++;
                }
            }
            topProducts[t] = members;
            byTop[t] = new Alias(w);
        }
    }

    /**
     * @param size number of products, at least the number of sub-categories
     * @param seed the generator seed
     * @param currency the brand's currency
     * @return the catalogue
     */
    public static Catalogue generate(int size, long seed, Currency currency) {
        return new Catalogue(size, seed, currency);
    }

    /** @return the smallest catalogue that has a product in every sub-category */
    public static int minimumSize() {
        int n = 0;
        for (Top t : TOPS) {
            n += t.subs.length;
        }
        return n;
    }

    static long nicePrice(double p) {
        long best = 0;
        double bestDiff = Double.MAX_VALUE;
        long base = Math.max(0, (long) (p / 100) - 1) * 100;
        for (long h = base; h <= base + 300; h += 100) {
            long[] candidates = {h + 49, h + 90, h + 99, h + 80};
            for (long c : candidates) {
                if (p < 100 && c > 100) {
                    continue;
                }
                double d = Math.abs(c - p);
                if (d < bestDiff) {
                    bestDiff = d;
                    best = c;
                }
            }
        }
        return best;
    }

    static String pad(long v, int width) {
        String s = Long.toString(v);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    static long pow10(int digits) {
        long f = 1;
        for (int i = 0; i < digits; i++) {
            f *= 10;
        }
        return f;
    }

    /** @return the products, in id order */
    public List<Product> products() {
        return products;
    }

    int size() {
        return ids.length;
    }

    Currency currency() {
        return currency;
    }

    /** @return minor units per major unit of the currency */
    long factor() {
        return factor;
    }

    ProductId id(int p) {
        return ids[p];
    }

    Product product(int p) {
        return products.get(p);
    }

    String name(int p) {
        return names[p];
    }

    Category category(int p) {
        return categories[p];
    }

    int top(int p) {
        return topOf[p];
    }

    long priceMinor(int p) {
        return priceMinor[p];
    }

    Money price(int p) {
        return price[p];
    }

    Money cost(int p) {
        return cost[p];
    }

    int maxQuantity(int p) {
        return maxQty[p];
    }

    int samplePopular(SplittableRandom r) {
        return all.sample(r);
    }

    int sampleInTop(SplittableRandom r, int top) {
        return topProducts[top][byTop[top].sample(r)];
    }

    double[] topWeights() {
        return topWeight.clone();
    }

    static String topName(int t) {
        return TOPS[t].name;
    }
}
