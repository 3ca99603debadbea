package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PhoneNumber;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's import example (readme:import), compiled and run; keep them identical. */
class ReadmeImportTest {
    @TempDir
    Path dir;

    @Test
    void readmeExample() throws Exception {
        Crm crm = Samples.crm();
        Path file = Files.writeString(
                dir.resolve("pos.csv"),
                "單號,日期,手機,品名,數量,金額\nA001,112/05/01,0912-345-678,可可粉 500g,2,\"NT$1,280\"\nA002,112/05/02,0912-34,茶,1,50\n");
        Files.createDirectories(Path.of("target"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        ImportResult r;
        try {
            // readme:import start
            Mapping pos = Mapping.builder("pos-orders", ImportKind.ORDERS) // or Mapping.fromJson(json)
                    .source("POS")
                    .field(Field.ORDER_ID, "單號")
                    .field(Field.ORDER_PLACED_AT, Mapping.column("日期").formats("minguo")) // 112/05/01 → 2023-05-01
                    .field(Field.MEMBER_PHONE, "手機") // 0912-345-678 → +886912345678
                    .field(Field.LINE_NAME, "品名")
                    .field(Field.LINE_QUANTITY, "數量")
                    .field(Field.LINE_AMOUNT, "金額") // NT$1,280 → TWD 1280.00
                    .build();
            r = Importer.into(crm)
                    .mapping(pos)
                    .quarantine(dir.resolve("rejected.csv"))
                    .build()
                    .importFile(file);
            r.rejections()
                    .forEach(System.out::println); // pos.csv line 3 column "手機": "****-34" is not a phone number: …
            // readme:import end
        } finally {
            System.setOut(stdout);
        }
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8).strip())
                .contains(
                        "pos.csv line 3 column \"手機\": \"****-34\" is not a phone number: a Taiwanese number has 8 or 9");
        assertThat(crm.members().findByPhone(new PhoneNumber("+886912345678"))).hasSize(1);
        assertThat(crm.orders()
                        .find(io.crmkit.core.OrderId.of("A001"))
                        .orElseThrow()
                        .total()
                        .toBigDecimal())
                .isEqualByComparingTo("1280");
    }
}
