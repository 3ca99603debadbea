package io.crmkit.jdbc.internal;

import io.crmkit.core.Member;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** What the bulk load shares with the member store: the column list, the document, numeric values. */
public final class MemberRows {
    private MemberRows() {}

    /** The columns of the member table, in the order the store binds and reads them. */
    public static final String COLUMNS = PgMemberStore.COLUMNS;

    /** @return the member's JSON document */
    public static String doc(Member m) {
        return Docs.member(m);
    }

    /** @return the v_num of a numeric or instant attribute value, else null */
    public static @Nullable BigDecimal number(Object v) {
        return PgMemberStore.number(v);
    }
}
