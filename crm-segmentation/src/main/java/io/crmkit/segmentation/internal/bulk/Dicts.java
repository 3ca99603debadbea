package io.crmkit.segmentation.internal.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * The dictionaries of a snapshot: every open code (sales channel, payment and shipping method,
 * store, pickup store, coupon, product, SKU, category, campaign, region, city) as a dense {@code int} code
 * (0 = no value). Categories also know their ancestors, so "bought in Home" matches a line in
 * "Home > Kitchen > Cups" by a table look-up.
 */
public final class Dicts {
    final StringDict channels;
    final StringDict payments;
    final StringDict shippings;
    final StringDict stores;
    final StringDict pickups;
    final StringDict coupons;
    final StringDict products;
    final StringDict skus;
    final StringDict categories;
    final StringDict campaigns;
    final StringDict regions;
    final StringDict cities;

    /** For each category code, the codes of the category and all its ancestors. */
    private final List<int[]> ancestors = new ArrayList<>();

    Dicts() {
        channels = new StringDict();
        payments = new StringDict();
        shippings = new StringDict();
        stores = new StringDict();
        pickups = new StringDict();
        coupons = new StringDict();
        products = new StringDict();
        skus = new StringDict();
        categories = new StringDict();
        campaigns = new StringDict();
        regions = new StringDict();
        cities = new StringDict();
        ancestors.add(new int[0]);
    }

    /** A copy with the same codes: a refreshed snapshot appends to it, its source stays as it was. */
    private Dicts(Dicts d) {
        channels = d.channels.copy();
        payments = d.payments.copy();
        shippings = d.shippings.copy();
        stores = d.stores.copy();
        pickups = d.pickups.copy();
        coupons = d.coupons.copy();
        products = d.products.copy();
        skus = d.skus.copy();
        categories = d.categories.copy();
        campaigns = d.campaigns.copy();
        regions = d.regions.copy();
        cities = d.cities.copy();
        ancestors.addAll(d.ancestors);
    }

    /** @return a copy with the same codes, to be appended to without changing this one */
    Dicts copy() {
        return new Dicts(this);
    }

    /**
     * @param path a normalised category path
     * @return its code, adding it and its ancestors if new
     */
    int category(String path) {
        int c = categories.code(path);
        if (c != 0) {
            return c;
        }
        int cut = path.lastIndexOf(io.crmkit.core.Category.SEPARATOR);
        int[] parent = cut < 0 ? new int[0] : ancestors.get(category(path.substring(0, cut)));
        c = categories.add(path);
        int[] own = java.util.Arrays.copyOf(parent, parent.length + 1);
        own[parent.length] = c;
        ancestors.add(own);
        return c;
    }

    /**
     * @param path a normalised category path
     * @return for every category code, whether that category is the path or lies below it; null
     *     if no line has the category or anything below it
     */
    boolean @org.jspecify.annotations.Nullable [] within(String path) {
        int q = categories.code(path);
        if (q == 0) {
            return null;
        }
        boolean[] out = new boolean[categories.size() + 1];
        for (int c = 1; c <= categories.size(); c++) {
            for (int a : ancestors.get(c)) {
                if (a == q) {
                    out[c] = true;
                    break;
                }
            }
        }
        return out;
    }

    long bytes() {
        long b = channels.bytes()
                + payments.bytes()
                + shippings.bytes()
                + stores.bytes()
                + pickups.bytes()
                + coupons.bytes()
                + products.bytes()
                + skus.bytes()
                + categories.bytes()
                + campaigns.bytes()
                + regions.bytes()
                + cities.bytes();
        for (int[] a : ancestors) {
            b += 16 + 4L * a.length;
        }
        return b;
    }
}
