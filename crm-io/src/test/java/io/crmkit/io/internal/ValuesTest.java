package io.crmkit.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Email;
import io.crmkit.core.Gender;
import io.crmkit.core.Money;
import io.crmkit.core.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value transforms the issue lists, each with the inputs real exports contain. */
class ValuesTest {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Currency TWD = Currency.getInstance("TWD");
    static final Currency EUR = Currency.getInstance("EUR");

    static Instant taipei(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(TAIPEI).toInstant();
    }

    @Test
    void isoDatesAndTimes() {
        Dates iso = new Dates(List.of(), TAIPEI);
        assertThat(iso.instant("2025-05-11T09:55:16Z")).isEqualTo(Instant.parse("2025-05-11T09:55:16Z"));
        assertThat(iso.instant("2025-05-11T09:55:16+08:00")).isEqualTo(Instant.parse("2025-05-11T01:55:16Z"));
        assertThat(iso.instant("2025-05-11 09:55")).isEqualTo(taipei(2025, 5, 11, 9, 55)); // local: the zone
        assertThat(iso.instant("2025-05-11")).isEqualTo(taipei(2025, 5, 11, 0, 0));
        assertThat(iso.date("2025-05-11")).isEqualTo(LocalDate.of(2025, 5, 11));
    }

    @Test
    void shopifyOffsetTimes() {
        Dates d = new Dates(List.of("yyyy-MM-dd HH:mm:ss Z"), TAIPEI);
        assertThat(d.instant("2025-05-11 09:55:16 -0400")).isEqualTo(Instant.parse("2025-05-11T13:55:16Z"));
    }

    @Test
    void usDatesWithoutLeadingZeros() {
        Dates d = new Dates(List.of("M/d/yyyy H:mm"), ZoneId.of("America/New_York"));
        assertThat(d.instant("5/6/2012 15:53")).isEqualTo(Instant.parse("2012-05-06T19:53:00Z"));
        assertThat(d.instant("12/31/2012 9:05")).isEqualTo(Instant.parse("2012-12-31T14:05:00Z"));
    }

    @Test
    void minguoDatesInEveryCommonSpelling() {
        Dates d = new Dates(List.of("minguo"), TAIPEI);
        LocalDate may1 = LocalDate.of(2023, 5, 1);
        assertThat(d.date("112/05/01")).isEqualTo(may1);
        assertThat(d.date("1120501")).isEqualTo(may1);
        assertThat(d.date("112-5-1")).isEqualTo(may1);
        assertThat(d.date("112.05.01")).isEqualTo(may1);
        assertThat(d.date("112年5月1日")).isEqualTo(may1);
        assertThat(d.date("民國112年05月01日")).isEqualTo(may1);
        assertThat(d.date("990101")).isEqualTo(LocalDate.of(2010, 1, 1)); // ROC 99
        assertThat(d.instant("112/05/01 14:30")).isEqualTo(taipei(2023, 5, 1, 14, 30));
        assertThat(d.instant("112/05/01")).isEqualTo(taipei(2023, 5, 1, 0, 0));
    }

    @Test
    void impossibleDaysAreRejectedNotMoved() {
        Dates m = new Dates(List.of("minguo"), TAIPEI);
        assertThatThrownBy(() -> m.date("112/02/30"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("ROC year 112 (2023)");
        Dates p = new Dates(List.of("yyyy-MM-dd"), TAIPEI);
        assertThatThrownBy(() -> p.date("2023-02-30")).isInstanceOf(CellException.class);
        assertThatThrownBy(() -> p.date("30/01/2023"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("is not a date in the format yyyy-MM-dd");
    }

    @Test
    void formatsAreTriedInOrder() {
        Dates d = new Dates(List.of("dd-MM-yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss"), ZoneId.of("UTC"));
        assertThat(d.instant("16-05-2018 07:32:06")).isEqualTo(Instant.parse("2018-05-16T07:32:06Z"));
        assertThat(d.instant("2020-03-19 06:40:32")).isEqualTo(Instant.parse("2020-03-19T06:40:32Z"));
    }

    @Test
    void amountsWithSymbolsAndSeparators() {
        assertThat(Values.money("1280", TWD, '.')).isEqualTo(Money.of(1280, TWD));
        assertThat(Values.money("NT$1,280", TWD, '.')).isEqualTo(Money.of(1280, TWD));
        assertThat(Values.money(" $1,234,567.50 ", TWD, '.')).isEqualTo(Money.parse("1234567.50", TWD));
        assertThat(Values.money("TWD 99.5", TWD, '.')).isEqualTo(Money.parse("99.50", TWD));
        assertThat(Values.money("1,280元", TWD, '.')).isEqualTo(Money.of(1280, TWD));
        assertThat(Values.money("１，２８０", TWD, '.')).isEqualTo(Money.of(1280, TWD)); // full-width
        assertThat(Values.money("-12.00", TWD, '.')).isEqualTo(Money.of(-12, TWD));
        assertThat(Values.money("(12.00)", TWD, '.')).isEqualTo(Money.of(-12, TWD));
        assertThat(Values.money("1.234,50 €", EUR, ',')).isEqualTo(Money.parse("1234.50", EUR));
        assertThat(Values.money("1 234,50", EUR, ',')).isEqualTo(Money.parse("1234.50", EUR));
        assertThat(Values.money("'450", TWD, '.')).isEqualTo(Money.of(450, TWD));
    }

    @Test
    void amountsThatAreNotAmountsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Values.money("1,23", TWD, '.'))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("groups of three");
        assertThatThrownBy(() -> Values.money("1.2E+5", TWD, '.'))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("scientific notation");
        assertThatThrownBy(() -> Values.money("12,3x", TWD, '.'))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("\"12,3x\"");
        assertThatThrownBy(() -> Values.money("1.005", TWD, '.'))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Values.money("NT$", TWD, '.')).isInstanceOf(CellException.class);
    }

    @Test
    void taiwanesePhonesBecomeE164() {
        assertThat(Values.phone("0912-345-678", null, "886")).isEqualTo(new PhoneNumber("+886912345678"));
        assertThat(Values.phone("'0912345678", null, "886")).isEqualTo(new PhoneNumber("+886912345678"));
        assertThat(Values.phone("912345678", null, "886"))
                .isEqualTo(new PhoneNumber("+886912345678")); // Excel ate the 0
        assertThat(Values.phone("+886 912 345 678", null, "886")).isEqualTo(new PhoneNumber("+886912345678"));
        assertThat(Values.phone("(02) 2345-6789", null, "886")).isEqualTo(new PhoneNumber("+886223456789"));
        assertThat(Values.phone("０９１２－３４５－６７８", null, "886")).isEqualTo(new PhoneNumber("+886912345678"));
    }

    @Test
    void theCountryComesFromAColumnWhenThereIsOne() {
        assertThat(Values.phone("9898989898", "US", "886")).isEqualTo(new PhoneNumber("+19898989898"));
        assertThat(Values.phone("090-1234-5678", "JP", "886")).isEqualTo(new PhoneNumber("+819012345678"));
        assertThat(Values.phone("0912345678", "台灣", "1")).isEqualTo(new PhoneNumber("+886912345678"));
        assertThat(Values.phone("0912345678", "+886", "1")).isEqualTo(new PhoneNumber("+886912345678"));
        assertThat(Values.phone("+16135550127", "Canada", "886")).isEqualTo(new PhoneNumber("+16135550127"));
        assertThatThrownBy(() -> Values.phone("0912345678", "Atlantis", "886"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("country \"Atlantis\" is not known");
        assertThatThrownBy(() -> Values.phone("0912-34", null, "886"))
                .isInstanceOf(CellException.class)
                .hasMessage("\"****-34\" is not a phone number: a Taiwanese number has 8 or 9 digits after +886"
                        + " (mobile: 9, starting with 9)");
        assertThatThrownBy(() -> Values.phone("9999999", "US", "886"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("10 digits after +1");
        assertThatThrownBy(() -> Values.phone("09******78", null, "886"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("not part of a phone number");
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(Values.email("  Russel.Winfield@Example.COM ")).isEqualTo(new Email("russel.winfield@example.com"));
        assertThatThrownBy(() -> Values.email("not-an-address"))
                .isInstanceOf(CellException.class)
                .hasMessageContaining("is not an e-mail address");
    }

    @Test
    void textIsTrimmedAndTheExcelQuoteDropped() {
        assertThat(Values.text("  林美玲\u00a0")).isEqualTo("林美玲");
        assertThat(Values.id("'0812")).isEqualTo("0812");
        assertThat(Values.id("'9013808660771")).isEqualTo("9013808660771");
        assertThat(Values.id(" C93445037 ")).isEqualTo("C93445037");
    }

    @Test
    void idsExcelTurnedIntoScientificNotationAreRejectedNotGuessed() {
        for (String mangled : List.of("7.02255E+12", "9.01381e+12", "1E+15", "-3.5E-4")) {
            assertThatThrownBy(() -> Values.id(mangled))
                    .isInstanceOf(CellException.class)
                    .hasMessageContaining("scientific notation")
                    .hasMessageContaining("the digits are lost");
        }
        assertThat(Values.id("E12345")).isEqualTo("E12345"); // an id that merely contains an E
    }

    @Test
    void wholeNumbers() {
        assertThat(Values.integer(" 3 ")).isEqualTo(3);
        assertThat(Values.integer("2.0")).isEqualTo(2); // a spreadsheet's float
        assertThat(Values.integer("５")).isEqualTo(5);
        assertThatThrownBy(() -> Values.integer("2.5")).isInstanceOf(CellException.class);
        assertThatThrownBy(() -> Values.integer("three")).isInstanceOf(CellException.class);
    }

    @Test
    void yesNoGenderCodesAndCurrencies() {
        assertThat(Values.bool("yes")).isTrue();
        assertThat(Values.bool("FALSE")).isFalse();
        assertThat(Values.bool("是")).isTrue();
        assertThatThrownBy(() -> Values.bool("maybe")).isInstanceOf(CellException.class);
        assertThat(Values.gender("女")).isEqualTo(Gender.FEMALE);
        assertThat(Values.gender("Male")).isEqualTo(Gender.MALE);
        assertThatThrownBy(() -> Values.gender("x")).isInstanceOf(CellException.class);
        assertThat(Values.code("line pay")).isEqualTo("LINE_PAY");
        assertThat(Values.currency("NT$")).isEqualTo(TWD);
        assertThat(Values.currency("eur")).isEqualTo(EUR);
        assertThatThrownBy(() -> Values.currency("XYZ1")).isInstanceOf(CellException.class);
    }

    @Test
    void theFastInstantPathAgreesWithInstantParse() {
        for (String s : List.of(
                "2025-11-11T04:05:06Z",
                "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2025-12-31T16:00:00Z",
                "2025-11-11T04:05:06.5Z",
                "0999-01-01T00:00:00Z")) {
            assertThat(Values.isoInstant(s)).as(s).isEqualTo(Instant.parse(s));
        }
        assertThatThrownBy(() -> Values.isoInstant("2023-02-30T00:00:00Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
        // what the fast path does not take, Instant.parse decides (it reads T24:00:00 as the next midnight)
        assertThat(Values.isoInstant("2023-01-01T24:00:00Z")).isEqualTo(Instant.parse("2023-01-02T00:00:00Z"));
    }

    @Test
    void theFastAmountPathAgreesWithMoneyParse() {
        for (String s : List.of("0", "0.5", "12.34", "-7", "-0.01", "99999999999.99", "1.")) {
            long fast = Values.plainMinor(s, TWD);
            if (fast != Long.MIN_VALUE) {
                assertThat(Money.ofMinor(fast, TWD)).as(s).isEqualTo(Money.parse(s, TWD));
            }
        }
        assertThat(Values.plainMinor("1,000", TWD)).isEqualTo(Long.MIN_VALUE);
        assertThat(Values.plainMinor("1.005", TWD)).isEqualTo(Long.MIN_VALUE);
    }
}
