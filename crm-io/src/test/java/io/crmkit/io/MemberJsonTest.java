package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.generator.GeneratedMember;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members written as JSON Lines read back unchanged through the canonical-members preset. */
class MemberJsonTest {
    @TempDir
    Path dir;

    @Test
    void jsonLinesOfMembersRoundTrip() {
        CanonicalShop shop = new CanonicalShop(dir, 150, 3);
        List<Member> members = shop.members.stream()
                .map(GeneratedMember::member)
                .sorted(Comparator.comparing(Member::id))
                .collect(Collectors.toList());
        StringWriter w = new StringWriter();
        assertThat(MemberJson.writeLines(members.iterator(), w)).isEqualTo(150);
        assertThat(w.toString().lines()).hasSize(150);
        assertThat(MemberJson.toJson(members.get(0)))
                .startsWith("{\"member_id\":\"" + members.get(0).id().value() + "\"");

        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .build()
                .importStream(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "members.jsonl");
        assertThat(r.preset()).isEqualTo("canonical-members");
        assertThat(r.accepted()).isEqualTo(150);
        assertThat(crm.members().stream().map(m -> m.withVersion(0)).collect(Collectors.toList()))
                .isEqualTo(members);
    }
}
