package io.crmkit.report.internal;

import io.crmkit.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Labels and number formats of one report locale: labels from the {@code labels} resource bundle
 * (zh-TW or en), whole numbers with the locale's grouping, money as {@code NT$1,234} for TWD.
 */
public final class Fmt {
    private final Locale locale;
    private final ResourceBundle labels;
    private final DecimalFormatSymbols symbols;

    /** @param locale the report's locale */
    public Fmt(Locale locale) {
        this.locale = locale;
        this.labels = ResourceBundle.getBundle(
                "io.crmkit.report.labels",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.symbols = DecimalFormatSymbols.getInstance(locale);
    }

    /** @return the locale */
    public Locale locale() {
        return locale;
    }

    /**
     * @param key a label key
     * @param args arguments for {@code {0}}-style placeholders
     * @return the label in this locale
     * @throws MissingResourceException if the key is missing
     */
    public String label(String key, Object... args) {
        String s = labels.getString(key);
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }

    /**
     * @param key a label key
     * @param fallback what to show when the bundle has no such key
     * @return the label, or the fallback
     */
    public String labelOr(String key, String fallback) {
        return labels.containsKey(key) ? labels.getString(key) : fallback;
    }

    /** @return a whole number with grouping, e.g. 1,234 */
    public String integer(long n) {
        DecimalFormat f = new DecimalFormat("#,##0", symbols);
        return f.format(n);
    }

    /** @return a number with one decimal and grouping, e.g. 1,234.5 */
    public String decimal(double d, int digits) {
        DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(d);
    }

    /** @return a share as a percentage with one decimal, e.g. 12.3% */
    public String percent(double share) {
        return decimal(share * 100, 1) + "%";
    }

    /** @return money in whole units with the currency's symbol, e.g. NT$1,234 */
    public String money(Money m) {
        return money(m.toBigDecimal(), m.currency());
    }

    /** @return an amount in whole units with the currency's symbol, e.g. NT$1,234 or -NT$56 */
    public String money(BigDecimal amount, Currency currency) {
        BigDecimal whole = amount.setScale(0, RoundingMode.HALF_UP);
        String digits = new DecimalFormat("#,##0", symbols).format(whole.abs());
        return (whole.signum() < 0 ? "-" : "") + symbol(currency) + digits;
    }

    /** @return a compact amount for axis ticks, e.g. NT$12K or NT$3.4M */
    public String moneyShort(double amount, Currency currency) {
        return symbol(currency) + compact(amount);
    }

    /** @return a compact number for axis ticks, e.g. 12K or 3.4M */
    public String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return decimal(v / 1e9, a >= 1e10 ? 0 : 1) + "B";
        }
        if (a >= 1e6) {
            return decimal(v / 1e6, a >= 1e7 ? 0 : 1) + "M";
        }
        if (a >= 1e3) {
            return decimal(v / 1e3, a >= 1e4 || a % 1000 == 0 ? 0 : 1) + "K";
        }
        return decimal(v, a >= 10 || v == Math.rint(v) ? 0 : 1);
    }

    /** @return the symbol shown for a currency: NT$ for TWD, US$ (zh-TW) or $ (en) for USD, else the code */
    public String symbol(Currency currency) {
        return switch (currency.getCurrencyCode()) {
            case "TWD" -> "NT$";
            case "USD" -> locale.getLanguage().equals("en") ? "$" : "US$";
            case "EUR" -> "€";
            case "JPY" -> "¥";
            default -> currency.getCurrencyCode() + " ";
        };
    }
}
