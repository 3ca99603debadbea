package io.crmkit.generator.internal;

/**
 * Reference data for a Taiwanese shop: surnames and given-name characters with romanisations,
 * cities and counties with their region, population and a few districts, convenience-store chains
 * and the brand's own stores. Population figures are thousands of residents (2024, rounded).
 */
final class TaiwanData {
    private TaiwanData() {}

    /** Surname, romanisation, relative frequency (per mille). */
    static final String[] SURNAMES = {
        "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "洪", "郭", "邱", "曾", "廖", "賴", "徐",
        "周", "葉", "蘇", "莊", "呂", "江", "何", "蕭", "羅", "高", "潘", "簡", "朱", "鍾", "游", "彭", "詹", "胡", "施", "沈"
    };

    static final String[] SURNAME_ROMAN = {
        "chen", "lin", "huang", "chang", "lee", "wang", "wu", "liu", "tsai", "yang", "hsu", "cheng", "hsieh", "hung",
        "kuo", "chiu", "tseng", "liao", "lai", "hsu", "chou", "yeh", "su", "chuang", "lu", "chiang", "ho", "hsiao",
        "lo", "kao", "pan", "chien", "chu", "chung", "yu", "peng", "chan", "hu", "shih", "shen"
    };

    static final double[] SURNAME_WEIGHT = {
        111, 83, 60, 53, 51, 41, 40, 32, 29, 26, 23, 19, 18, 15, 15, 14, 14, 13, 13, 12, 11, 11, 11, 9.5, 8.5, 8.5, 8,
        7.5, 7.5, 7, 6, 5.5, 5.5, 5.5, 5, 5, 5, 4.5, 4.5, 4.5
    };

    static final String[] FEMALE_CHARS = {
        "怡", "婷", "雅", "筑", "佳", "欣", "慧", "美", "玲", "淑", "芬", "惠", "宜", "君", "庭", "琪", "涵", "萱", "靜", "思", "穎", "詩",
        "珮", "郁", "秀", "麗", "如", "心", "沛", "韻"
    };

    static final String[] FEMALE_ROMAN = {
        "yi", "ting", "ya", "chu", "chia", "hsin", "hui", "mei", "ling", "shu", "fen", "hui", "yi", "chun", "ting",
        "chi", "han", "hsuan", "ching", "szu", "ying", "shih", "pei", "yu", "hsiu", "li", "ju", "hsin", "pei", "yun"
    };

    static final String[] MALE_CHARS = {
        "志", "明", "俊", "宏", "建", "偉", "冠", "廷", "承", "翰", "宇", "柏", "彥", "家", "豪", "哲", "凱", "文", "傑", "信", "嘉", "國",
        "政", "智", "威", "瑋", "賢", "宗", "維", "東"
    };

    static final String[] MALE_ROMAN = {
        "chih", "ming", "chun", "hung", "chien", "wei", "kuan", "ting", "cheng", "han", "yu", "po", "yen", "chia",
                "hao",
        "che", "kai", "wen", "chieh", "hsin", "chia", "kuo", "cheng", "chih", "wei", "wei", "hsien", "tsung", "wei",
                "tung"
    };

    static final String[] EMAIL_DOMAINS = {
        "gmail.com", "yahoo.com.tw", "hotmail.com", "outlook.com", "icloud.com", "msa.hinet.net", "gmail.com"
    };
    static final double[] EMAIL_DOMAIN_WEIGHT = {50, 20, 9, 6, 6, 4, 5};

    /** The regions of Taiwan as the National Development Council groups counties. */
    static final String NORTH = "北部";

    static final String CENTRAL = "中部";
    static final String SOUTH = "南部";
    static final String EAST = "東部";
    static final String ISLANDS = "離島";

    static final String[] CITIES = {
        "新北市", "台北市", "桃園市", "新竹縣", "新竹市", "基隆市", "宜蘭縣", "台中市", "彰化縣", "雲林縣", "苗栗縣", "南投縣", "高雄市", "台南市", "屏東縣", "嘉義縣",
        "嘉義市", "花蓮縣", "台東縣", "澎湖縣", "金門縣", "連江縣"
    };

    static final String[] CITY_REGION = {
        NORTH, NORTH, NORTH, NORTH, NORTH, NORTH, NORTH, CENTRAL, CENTRAL, CENTRAL, CENTRAL, CENTRAL, SOUTH, SOUTH,
        SOUTH, SOUTH, SOUTH, EAST, EAST, ISLANDS, ISLANDS, ISLANDS
    };

    /** Thousands of residents. */
    static final double[] CITY_POPULATION = {
        4047, 2494, 2325, 592, 452, 362, 450, 2850, 1240, 665, 536, 480, 2735, 1858, 797, 488, 264, 319, 213, 107, 143,
        14
    };

    static final String[][] CITY_DISTRICTS = {
        {"板橋", "新莊", "中和", "永和", "三重", "新店", "土城", "淡水"},
        {"信義", "大安", "中山", "內湖", "松山", "士林", "中正", "萬華"},
        {"桃園", "中壢", "平鎮", "八德", "龜山", "蘆竹"},
        {"竹北", "竹東"},
        {"東區", "北區", "香山"},
        {"仁愛", "七堵", "安樂"},
        {"宜蘭", "羅東"},
        {"西屯", "北屯", "南屯", "豐原", "大里", "太平"},
        {"彰化", "員林", "鹿港"},
        {"斗六", "虎尾"},
        {"苗栗", "頭份", "竹南"},
        {"南投", "草屯", "埔里"},
        {"左營", "三民", "苓雅", "鳳山", "前鎮", "楠梓"},
        {"東區", "永康", "安平", "北區", "中西"},
        {"屏東", "潮州"},
        {"民雄", "太保"},
        {"東區", "西區"},
        {"花蓮", "吉安"},
        {"台東"},
        {"馬公"},
        {"金城"},
        {"南竿"}
    };

    /**
     * Where people of a city work, as (city index, share) pairs; the rest work at home. A member
     * living in New Taipei who picks up in Taipei probably works in Taipei.
     */
    static final int[][] COMMUTE_TO = {
        {1}, {}, {1}, {4}, {}, {1}, {1}, {}, {7}, {}, {4}, {7}, {}, {12}, {12}, {16}, {15}, {}, {}, {}, {}, {}
    };

    static final double[][] COMMUTE_SHARE = {
        {0.35}, {}, {0.12}, {0.30}, {}, {0.30}, {0.05}, {}, {0.20}, {}, {0.10}, {0.20}, {}, {0.05}, {0.20}, {0.30},
        {0.10}, {}, {}, {}, {}, {}
    };

    static final String[] CVS_CHAINS = {"7-11", "全家", "萊爾富", "OK"};
    static final double[] CVS_CHAIN_WEIGHT = {50, 35, 10, 5};

    /** The brand's own stores: id and the index of the city they are in. */
    static final String[] OWN_STORES = {
        "S-TPE-01",
        "S-TPE-02",
        "S-TPE-03",
        "S-NTP-01",
        "S-NTP-02",
        "S-TYN-01",
        "S-HSZ-01",
        "S-TXG-01",
        "S-TXG-02",
        "S-TNN-01",
        "S-KHH-01",
        "S-KHH-02"
    };

    static final int[] OWN_STORE_CITY = {1, 1, 1, 0, 0, 2, 4, 7, 7, 13, 12, 12};

    /** Chinese New Year's day (first day of the first lunar month), 2015 to 2035. */
    static final String[] LUNAR_NEW_YEAR = {
        "2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01",
        "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
        "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"
    };

    static final String[] SKIN_TYPES = {"乾性", "油性", "混合性", "敏感性", "中性"};

    static final String[] MANUAL_TAGS = {"小資族", "敏感肌", "寶寶媽媽", "團購主", "送禮需求", "上班族", "學生", "寵物家長"};
    static final String[] AGENTS = {"agent:amy", "agent:kevin", "agent:小美", "agent:jason"};

    static final String[] NOTES = {
        "請於晚上6點後配送，謝謝",
        "客人反映包裝破損, 已補寄\"試用包\"一份",
        "偏好 LINE 聯絡；不要打電話",
        "生日禮已寄出\n下次來店請提醒領取",
        "VIP 客人, 常團購; 請優先處理",
        "地址：新北市板橋區文化路一段100號3樓",
        "退貨原因: 尺寸不合 (已換 L 號)"
    };

    static final String[] REFUND_REASONS = {"商品瑕疵", "尺寸不合", "不喜歡", "物流延遲", "少寄商品", "重複下單"};
}
