package io.crmkit.io;

import io.crmkit.generator.CanonicalCsv;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small generated shop written as canonical CSV, and what was generated. */
final class CanonicalShop {
    final Path dir;
    final List<GeneratedMember> members = new ArrayList<>();
    final ShopGenerator generator;
    final long orderRows;

    CanonicalShop(Path dir, int size, long seed) {
        this.dir = dir;
        this.generator = ShopGenerator.of(GeneratorConfig.custom()
                .members(size)
                .seed(seed)
                .brand(Samples.brand())
                .build());
        try (CanonicalCsv csv = CanonicalCsv.create(dir)) {
            csv.writeProducts(generator.products());
            generator.members().forEach(m -> {
                csv.write(m);
                members.add(m);
            });
            csv.close();
            orderRows = csv.orderRows();
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }
}
