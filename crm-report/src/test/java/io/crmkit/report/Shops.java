package io.crmkit.report;

import io.crmkit.core.Crm;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.util.ArrayList;
import java.util.List;

/** Generated shops for the tests, loaded into in-memory stores. */
final class Shops {
    private static Crm small;

    private Shops() {}

    /** @return a 1,500-member shop (seed 7), built once per JVM */
    static synchronized Crm small() {
        if (small == null) {
            small = load(1_500, 7);
        }
        return small;
    }

    static Crm load(int members, long seed) {
        GeneratorConfig config =
                GeneratorConfig.custom().members(members).seed(seed).build();
        ShopGenerator gen = ShopGenerator.of(config);
        Crm crm = Crm.inMemory(config.brand());
        crm.products().upsertAll(gen.products());
        List<GeneratedMember> all = gen.members().toList();
        List<io.crmkit.core.Member> ms = new ArrayList<>();
        List<io.crmkit.core.Order> os = new ArrayList<>();
        List<io.crmkit.core.Interaction> is = new ArrayList<>();
        for (GeneratedMember g : all) {
            ms.add(g.member());
            os.addAll(g.orders());
            is.addAll(g.interactions());
        }
        crm.members().saveAll(ms);
        crm.orders().upsertAll(os);
        crm.interactions().appendAll(is);
        return crm;
    }
}
