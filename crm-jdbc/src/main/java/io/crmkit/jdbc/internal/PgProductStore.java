package io.crmkit.jdbc.internal;

import io.crmkit.core.Category;
import io.crmkit.core.Money;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.ProductStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link ProductStore} on PostgreSQL: one row per product, replaced whole by an upsert. */
public final class PgProductStore extends PgStore<Product> implements ProductStore {
    static final String COLUMNS = "product_id, name, category, list_price, list_currency, unit_cost, cost_currency";

    /**
     * @param dataSource the host's data source
     * @param schema the schema of the tables
     */
    public PgProductStore(DataSource dataSource, String schema) {
        super(dataSource, schema, "product");
    }

    private List<Product> query(Connection c, String where, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t("product") + " " + where)) {
            Pg.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Product> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Product(
                            ProductId.of(rs.getString(1)),
                            rs.getString(2),
                            new Category(rs.getString(3)),
                            money(rs, 4),
                            money(rs, 6)));
                }
                return out;
            }
        }
    }

    private static Optional<Money> money(ResultSet rs, int col) throws SQLException {
        Long minor = Pg.getLongOrNull(rs, col);
        return minor == null
                ? Optional.empty()
                : Optional.of(Money.ofMinor(
                        minor, Currency.getInstance(rs.getString(col + 1).strip())));
    }

    @Override
    public Optional<Product> find(ProductId id) {
        Pg.required(id, "id");
        return read(
                "products.find",
                c -> query(c, "WHERE product_id = ?", List.of(id.value())).stream()
                        .findFirst());
    }

    @Override
    public List<Product> findAll(Collection<ProductId> ids) {
        List<ProductId> all = Pg.requiredAll(ids, "ids");
        if (all.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<ProductId> distinct = new LinkedHashSet<>(all);
        Map<ProductId, Product> found = byId(read(
                "products.findAll", c -> query(c, "WHERE product_id = ANY(?)", List.of((Object) ids(distinct)))));
        List<Product> out = new ArrayList<>();
        for (ProductId id : distinct) {
            Product p = found.get(id);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static Map<ProductId, Product> byId(List<Product> list) {
        Map<ProductId, Product> m = new HashMap<>();
        for (Product p : list) {
            m.put(p.id(), p);
        }
        return m;
    }

    private static String[] ids(Collection<ProductId> ids) {
        return ids.stream().map(ProductId::value).toArray(String[]::new);
    }

    @Override
    public List<Product> scan(@Nullable ProductId after, int limit) {
        Pg.limit(limit);
        return read(
                "products.scan",
                c -> after == null
                        ? query(c, "ORDER BY product_id LIMIT ?", List.of(limit))
                        : query(c, "WHERE product_id > ? ORDER BY product_id LIMIT ?", List.of(after.value(), limit)));
    }

    @Override
    public long count() {
        return countRows("product");
    }

    @Override
    public boolean delete(ProductId id) {
        Pg.required(id, "id");
        return write("products.delete", c -> {
            List<Product> before = query(c, "WHERE product_id = ? FOR UPDATE", List.of(id.value()));
            if (before.isEmpty()) {
                return new Written<>(false, List.of());
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t("product") + " WHERE product_id = ?")) {
                ps.setString(1, id.value());
                ps.executeUpdate();
            }
            return new Written<>(true, List.of(ChangeEvent.of(before.get(0), null)));
        });
    }

    @Override
    public void upsertAll(Collection<Product> products) {
        List<Product> batch = Pg.requiredAll(products, "products");
        Set<ProductId> seen = new HashSet<>();
        for (Product p : batch) {
            if (!seen.add(p.id())) {
                throw new DuplicateKeyException("products.upsertAll: product " + p.id() + " is in the batch twice");
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        write("products.upsertAll", c -> {
            Map<ProductId, Product> stored =
                    byId(query(c, "WHERE product_id = ANY(?) ORDER BY product_id FOR UPDATE", List.of((Object)
                            ids(new TreeSet<>(seen)))));
            List<ChangeEvent<Product>> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("product") + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET name = excluded.name,"
                    + " category = excluded.category, list_price = excluded.list_price,"
                    + " list_currency = excluded.list_currency, unit_cost = excluded.unit_cost,"
                    + " cost_currency = excluded.cost_currency")) {
                int n = 0;
                for (Product p : batch) {
                    Product before = stored.get(p.id());
                    if (p.equals(before)) {
                        continue;
                    }
                    events.add(ChangeEvent.of(before, p));
                    ps.setString(1, p.id().value());
                    ps.setString(2, p.name());
                    ps.setString(3, p.category().path());
                    bindMoney(ps, 4, p.listPrice());
                    bindMoney(ps, 6, p.unitCost());
                    ps.addBatch();
                    n++;
                }
                if (n > 0) {
                    ps.executeBatch();
                }
            }
            return new Written<Void, Product>(null, events);
        });
    }

    private static void bindMoney(PreparedStatement ps, int i, Optional<Money> m) throws SQLException {
        if (m.isPresent()) {
            ps.setLong(i, m.get().minorUnits());
            ps.setString(i + 1, m.get().currency().getCurrencyCode());
        } else {
            ps.setNull(i, Types.BIGINT);
            ps.setNull(i + 1, Types.CHAR);
        }
    }
}
