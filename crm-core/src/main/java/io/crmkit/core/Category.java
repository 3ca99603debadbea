package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.List;

/**
 * A product category as a path from the top of the catalogue, written with {@code " > "} between
 * levels, e.g. {@code "Home > Kitchen > Cups"}. A category is within itself and within each of its
 * ancestors, which is what "bought in category X" asks.
 *
 * <pre>{@code
 * Category cups = Category.of("Home > Kitchen > Cups");
 * cups.isWithin(Category.of("Home"));  // true
 * cups.top();                          // "Home"
 * }</pre>
 *
 * @param path the normalised path
 */
public record Category(String path) {
    /** The separator between levels. */
    public static final String SEPARATOR = " > ";

    /** @throws InvalidValueException if the path is not normalised (use {@link #of(String)}) */
    public Category {
        Check.notNull(path, "category");
        Check.that(path.equals(normalise(path)), "category", Check.quote(path) + " is not normalised; use Category.of");
        Check.that(!path.isEmpty(), "category", "must not be empty");
        Check.that(path.length() <= 512, "category", "is longer than 512 characters");
    }

    /**
     * @param path levels separated by {@code >} (spaces around it are optional)
     * @return the category
     * @throws InvalidValueException if the path is empty or has an empty level
     */
    public static Category of(String path) {
        Check.notNull(path, "category");
        String[] parts = path.split(">", -1);
        for (String p : parts) {
            Check.that(!p.isBlank(), "category", Check.quote(path) + " has an empty level");
        }
        return new Category(normalise(path));
    }

    private static String normalise(String path) {
        String[] parts = path.split(">", -1);
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(SEPARATOR);
            }
            b.append(parts[i].strip());
        }
        return b.toString();
    }

    /** @return the levels from the top */
    public List<String> levels() {
        List<String> out = new java.util.ArrayList<>(4);
        int from = 0;
        for (int i = path.indexOf(SEPARATOR); i >= 0; i = path.indexOf(SEPARATOR, from)) {
            out.add(path.substring(from, i));
            from = i + SEPARATOR.length();
        }
        out.add(path.substring(from));
        return List.copyOf(out);
    }

    /** @return the top-level category name */
    public String top() {
        int i = path.indexOf(SEPARATOR);
        return i < 0 ? path : path.substring(0, i);
    }

    /**
     * @param ancestor another category
     * @return true if this category equals the other or lies below it
     */
    public boolean isWithin(Category ancestor) {
        String a = ancestor.path;
        return path.startsWith(a) && (path.length() == a.length() || path.startsWith(SEPARATOR, a.length()));
    }

    @Override
    public String toString() {
        return path;
    }
}
