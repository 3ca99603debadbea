package io.crmkit.testkit;

import static io.crmkit.testkit.StoreAssertions.assertSameMember;
import static io.crmkit.testkit.TestData.at;
import static io.crmkit.testkit.TestData.fullMember;
import static io.crmkit.testkit.TestData.member;
import static io.crmkit.testkit.TestData.memberId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeEvent.Kind;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.NotFoundException;
import io.crmkit.core.spi.VersionConflictException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link MemberStore}: everything a member carries survives a round trip;
 * versions guard every save; a batch is saved whole or not at all; an external id belongs to one
 * member; the e-mail, phone and external-id look-ups follow every change; {@link
 * MemberStore#update} loses no update under concurrency; and everything {@link KeyedStoreContract}
 * checks.
 *
 * <pre>{@code
 * class PostgresMemberStoreTest extends MemberStoreContract {
 *     @Override
 *     protected MemberStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().members();
 *     }
 * }
 * }</pre>
 */
public abstract class MemberStoreContract extends KeyedStoreContract<MemberId, Member, MemberStore> {
    private static final AttributeKey<Integer> COUNTER = AttributeKey.ofInteger("counter");
    private static final ExternalId X = ExternalId.of("SHOPIFY", "x-1");
    private static final ExternalId Y = ExternalId.of("SHOPIFY", "y-2");

    /** For subclasses: an adapter's test class. */
    protected MemberStoreContract() {}

    @Override
    protected final MemberId id(int n) {
        return memberId(n);
    }

    @Override
    protected final Member sample(int n) {
        return member(n);
    }

    @Override
    protected final List<Member> write(List<Member> values) {
        return store().saveAll(values);
    }

    private Member stored(int n) {
        return store().find(memberId(n)).orElseThrow(() -> new AssertionError("member " + n + " is not stored"));
    }

    private static Member withEmail(int n, String email) {
        return member(n).toBuilder().email(Email.parse(email)).build();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void everythingAMemberCarriesSurvivesEveryReadPath() {
        Member full = fullMember(memberId(1));
        Recorder<Member> heard = new Recorder<>();
        store().subscribe(heard);
        Member saved = store().save(full);
        Member expected = full.withVersion(1);
        assertSameMember(saved, expected, "save() result");
        assertSameMember(store().find(full.id()).orElseThrow(), expected, "find()");
        assertSameMember(store().findAll(List.of(full.id())).get(0), expected, "findAll()");
        assertSameMember(store().scan(null, 10).get(0), expected, "scan()");
        assertSameMember(store().stream().findFirst().orElseThrow(), expected, "stream()");
        assertSameMember(store().findByEmail(full.email().orElseThrow()).get(0), expected, "findByEmail()");
        assertSameMember(store().findByPhone(full.phone().orElseThrow()).get(0), expected, "findByPhone()");
        for (ExternalId x : full.externalIds()) {
            assertSameMember(store().findByExternalId(x).orElseThrow(), expected, "findByExternalId(" + x + ")");
        }
        assertSameMember(heard.onlyCall().get(0).value(), expected, "the listener's event");
    }

    @Test
    void aMinimalMemberKeepsItsAbsentFieldsAbsent() {
        Member minimal = member(1);
        assertSameMember(store().save(minimal), minimal.withVersion(1), "save() result");
        Member found = stored(1);
        assertSameMember(found, minimal.withVersion(1), "find()");
        assertThat(found.attributes().isEmpty()).isTrue();
        assertThat(found.tags()).isEmpty();
        assertThat(found.notes()).isEmpty();
        assertThat(found.externalIds()).isEmpty();
        assertThat(found.consents()).isEmpty();
    }

    @Test
    void everyAttributeTypeSurvivesWithItsValueAndJavaClass() {
        Map<AttributeKey<?>, Object> values = new LinkedHashMap<>();
        values.put(AttributeKey.ofString("text"), " padded 林 🌸 ");
        values.put(AttributeKey.ofString("empty_text"), "");
        values.put(AttributeKey.ofInteger("int_min"), Integer.MIN_VALUE);
        values.put(AttributeKey.ofInteger("int_max"), Integer.MAX_VALUE);
        values.put(AttributeKey.ofLong("long_min"), Long.MIN_VALUE);
        values.put(AttributeKey.ofLong("long_max"), Long.MAX_VALUE);
        values.put(AttributeKey.ofLong("long_2_53_plus_1"), 9_007_199_254_740_993L);
        values.put(AttributeKey.ofDecimal("dec_scale"), new BigDecimal("1.50"));
        values.put(AttributeKey.ofDecimal("dec_big"), new BigDecimal("-12345678901234567890.123456789"));
        values.put(AttributeKey.ofDecimal("dec_zero_scale_3"), new BigDecimal("0.000"));
        values.put(AttributeKey.ofBoolean("yes"), true);
        values.put(AttributeKey.ofBoolean("no"), false);
        values.put(AttributeKey.ofDate("leap_day"), LocalDate.of(2024, 2, 29));
        values.put(AttributeKey.ofDate("old_date"), LocalDate.of(1900, 1, 1));
        values.put(AttributeKey.ofInstant("micros"), Instant.parse("2025-06-30T23:59:59.123456Z"));
        values.put(AttributeKey.ofInstant("before_1970"), Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(values.keySet().stream().map(AttributeKey::type).collect(Collectors.toSet()))
                .as("this test covers every attribute type")
                .isEqualTo(EnumSet.allOf(AttributeKey.Type.class));
        Attributes attributes = Attributes.empty();
        for (Map.Entry<AttributeKey<?>, Object> e : values.entrySet()) {
            attributes = attributes.withUnchecked(e.getKey(), e.getValue());
        }
        store().save(member(1).toBuilder().attributes(attributes).build());

        Member found = stored(1);
        for (Map.Entry<AttributeKey<?>, Object> e : values.entrySet()) {
            Optional<?> v = found.attribute(e.getKey());
            assertThat(v).as("attribute %s", e.getKey()).isPresent();
            assertThat(v.orElseThrow())
                    .as("attribute %s", e.getKey())
                    .isInstanceOf(e.getKey().type().javaType())
                    // the value as the domain keeps it (decimals without trailing zeros)
                    .isEqualTo(attributes.asMap().get(e.getKey()));
        }
        assertThat(found.attributes()).isEqualTo(attributes);
    }

    @Test
    void tagsAndAttributesKeepTheOrderTheyWereAddedIn() {
        Member m = member(1).toBuilder()
                .tag(Tag.manual("zeta", "amy", at(1)))
                .tag(Tag.manual("alpha", "amy", at(2)))
                .tag(Tag.rule("mid", "rule-1", at(3)))
                .attribute(AttributeKey.ofString("z_last"), "1")
                .attribute(AttributeKey.ofInteger("a_first"), 2)
                .attribute(AttributeKey.ofBoolean("m_middle"), true)
                .build();
        store().save(m);
        Member found = stored(1);
        assertThat(found.tags())
                .as("Member.tags() is documented as \"in the order they were added\"")
                .extracting(Tag::name)
                .containsExactly("zeta", "alpha", "mid");
        assertThat(found.attributes().asMap().keySet())
                .as("Attributes.asMap() is documented as \"in the order they were first set\"")
                .extracting(AttributeKey::name)
                .containsExactly("z_last", "a_first", "m_middle");
    }

    // ---------------------------------------------------------------- versions

    @Test
    void aNewMemberIsSavedWithVersion0AndStoredWithVersion1() {
        Member saved = store().save(member(1));
        assertThat(saved.version()).isEqualTo(1);
        assertThat(stored(1).version()).isEqualTo(1);
    }

    @Test
    void eachSaveIncrementsTheVersionByOne() {
        Member v1 = store().save(member(1));
        Member v2 = store().save(v1.toBuilder().name("second").build());
        Member v3 = store().save(v2.toBuilder().name("third").build());
        assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1L, 2L, 3L);
        assertThat(stored(1)).isEqualTo(v3);
        assertThat(stored(1).name()).contains("third");
    }

    @Test
    void savingAStaleVersionIsAConflictNamingBothVersionsAndChangesNothing() {
        Member v1 = store().save(member(1));
        Member v2 = store().save(v1.toBuilder().name("fresh").build());
        assertThatThrownBy(() -> store().save(v1.toBuilder().name("stale").build()))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.memberId()).isEqualTo(memberId(1));
                    assertThat(e.expected()).as("expected").isEqualTo(1);
                    assertThat(e.actual()).as("actual").isEqualTo(2);
                });
        assertThat(stored(1)).isEqualTo(v2);
    }

    @Test
    void savingVersion0OverAnExistingMemberIsAConflict() {
        Member v1 = store().save(member(1).toBuilder().name("first").build());
        assertThatThrownBy(() ->
                        store().save(member(1).toBuilder().name("impostor").build()))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expected()).as("expected").isZero();
                    assertThat(e.actual()).as("actual").isEqualTo(1);
                });
        assertThat(stored(1)).isEqualTo(v1);
    }

    @Test
    void savingAVersionOfAMemberThatDoesNotExistIsAConflict() {
        assertThatThrownBy(() -> store().save(member(1).withVersion(3)))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expected()).as("expected").isEqualTo(3);
                    assertThat(e.actual()).as("actual").isZero();
                });
        assertThat(store().count()).isZero();
    }

    @Test
    void aDeletedMemberIsCreatedAgainFromVersion0() {
        Member v1 = store().save(member(1));
        store().save(v1);
        store().delete(memberId(1));
        assertThatThrownBy(() -> store().save(v1.withVersion(2))).isInstanceOf(VersionConflictException.class);
        assertThat(store().save(member(1)).version()).isEqualTo(1);
    }

    @Test
    void saveAllReturnsTheStoredMembersInTheOrderGiven() {
        store().save(member(2));
        List<Member> saved = store().saveAll(List.of(member(3), stored(2), member(1)));
        assertThat(saved).extracting(Member::id).containsExactly(memberId(3), memberId(2), memberId(1));
        assertThat(saved).extracting(Member::version).containsExactly(1L, 2L, 1L);
        assertThat(store().findAll(List.of(memberId(3), memberId(2), memberId(1))))
                .isEqualTo(saved);
    }

    @Test
    void saveAllOfNothingReturnsNothing() {
        assertThat(store().saveAll(List.of())).isEmpty();
        assertThat(store().count()).isZero();
    }

    @Test
    void aVersionConflictInABatchWritesNothingOfIt() {
        Member one = store().save(withEmail(1, "one@example.com").toBuilder()
                .externalId(Y)
                .build());
        Recorder<Member> heard = new Recorder<>();
        store().subscribe(heard);
        List<Member> batch = List.of(
                withEmail(2, "two@example.com").toBuilder().externalId(X).build(),
                one.toBuilder().name("changed").build(), // a valid update, to be undone
                withEmail(3, "three@example.com").withVersion(5)); // member 3 does not exist
        assertThatThrownBy(() -> store().saveAll(batch)).isInstanceOf(VersionConflictException.class);
        assertUnchangedAfterFailedBatch(one, heard);
    }

    @Test
    void aDuplicateExternalIdInABatchWritesNothingOfIt() {
        Member one = store().save(withEmail(1, "one@example.com").toBuilder()
                .externalId(Y)
                .build());
        Recorder<Member> heard = new Recorder<>();
        store().subscribe(heard);
        List<Member> batch = List.of(
                withEmail(2, "two@example.com").toBuilder().externalId(X).build(),
                one.toBuilder().name("changed").build(),
                withEmail(3, "three@example.com").toBuilder().externalId(Y).build());
        assertThatThrownBy(() -> store().saveAll(batch)).isInstanceOf(DuplicateKeyException.class);
        assertUnchangedAfterFailedBatch(one, heard);
    }

    private void assertUnchangedAfterFailedBatch(Member one, Recorder<Member> heard) {
        assertThat(store().count()).as("count").isEqualTo(1);
        assertThat(stored(1)).as("member 1").isEqualTo(one);
        assertThat(store().find(memberId(2))).as("member 2").isEmpty();
        assertThat(store().find(memberId(3))).as("member 3").isEmpty();
        assertThat(store().findByEmail(Email.parse("two@example.com")))
                .as("e-mail of member 2")
                .isEmpty();
        assertThat(store().findByEmail(Email.parse("three@example.com")))
                .as("e-mail of member 3")
                .isEmpty();
        assertThat(store().findByExternalId(X)).as("external id of member 2").isEmpty();
        assertThat(store().findByExternalId(Y).map(Member::id))
                .as("external id of member 1")
                .contains(memberId(1));
        assertThat(heard.calls()).as("listener calls").isEmpty();
        assertThat(store().save(member(2)).version())
                .as("member 2 can still be saved as new")
                .isEqualTo(1);
    }

    @Test
    void anIdRepeatedInOneBatchIsADuplicateKeyAndWritesNothing() {
        assertThatThrownBy(() -> store().saveAll(List.of(
                        member(2),
                        member(1),
                        member(1).toBuilder().name("again").build())))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().count()).isZero();
    }

    // ---------------------------------------------------------------- external ids

    @Test
    void anExternalIdHeldByAnotherMemberIsADuplicateKey() {
        store().save(member(1).toBuilder().externalId(X).build());
        assertThatThrownBy(
                        () -> store().save(member(2).toBuilder().externalId(X).build()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().find(memberId(2))).isEmpty();
        assertThat(store().findByExternalId(X).map(Member::id)).contains(memberId(1));
    }

    @Test
    void oneExternalIdGivenToTwoMembersOfOneBatchIsADuplicateKey() {
        assertThatThrownBy(() -> store().saveAll(List.of(
                        member(1).toBuilder().externalId(X).build(),
                        member(2).toBuilder().externalId(X).build())))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().count()).isZero();
        assertThat(store().findByExternalId(X)).isEmpty();
    }

    @Test
    void anExternalIdMayMoveFromOneMemberToAnotherInOneBatch() {
        Member one = store().save(member(1).toBuilder().externalId(X).build());
        store().saveAll(List.of(
                one.toBuilder().removeExternalId(X).build(),
                member(2).toBuilder().externalId(X).build()));
        assertThat(store().findByExternalId(X).map(Member::id)).contains(memberId(2));
        assertThat(stored(1).externalIds()).isEmpty();

        // and back, with the receiver first in the batch
        store().saveAll(List.of(
                stored(1).toBuilder().externalId(X).build(),
                stored(2).toBuilder().removeExternalId(X).build()));
        assertThat(store().findByExternalId(X).map(Member::id)).contains(memberId(1));
        assertThat(stored(2).externalIds()).isEmpty();
    }

    @Test
    void twoMembersMaySwapExternalIdsInOneBatch() {
        Member one = store().save(member(1).toBuilder().externalId(X).build());
        Member two = store().save(member(2).toBuilder().externalId(Y).build());
        store().saveAll(List.of(
                one.toBuilder().removeExternalId(X).externalId(Y).build(),
                two.toBuilder().removeExternalId(Y).externalId(X).build()));
        assertThat(store().findByExternalId(X).map(Member::id)).contains(memberId(2));
        assertThat(store().findByExternalId(Y).map(Member::id)).contains(memberId(1));
    }

    @Test
    void anExternalIdFreedByASaveOrADeleteCanBeTaken() {
        Member one =
                store().save(member(1).toBuilder().externalId(X).externalId(Y).build());
        store().save(one.toBuilder().removeExternalId(X).build());
        assertThat(store().findByExternalId(X)).as("after member 1 dropped X").isEmpty();
        assertThat(store().findByExternalId(Y).map(Member::id)).contains(memberId(1));
        store().save(member(2).toBuilder().externalId(X).build());
        assertThat(store().findByExternalId(X).map(Member::id)).contains(memberId(2));

        store().delete(memberId(1));
        assertThat(store().findByExternalId(Y)).as("after member 1 was deleted").isEmpty();
        store().save(member(3).toBuilder().externalId(Y).build());
        assertThat(store().findByExternalId(Y).map(Member::id)).contains(memberId(3));
        assertThat(store().findByExternalId(ExternalId.of("POS", "never"))).isEmpty();
    }

    // ---------------------------------------------------------------- e-mail and phone

    @Test
    void findByEmailReturnsEveryMemberWithTheAddressInIdOrder() {
        store().saveAll(List.of(withEmail(3, "shared@example.com"), withEmail(1, "Shared@Example.com")));
        store().save(withEmail(2, "other@example.com"));
        store().save(member(4));
        assertThat(store().findByEmail(Email.parse(" SHARED@example.COM ")))
                .extracting(Member::id)
                .containsExactly(memberId(1), memberId(3));
        assertThat(store().findByEmail(Email.parse("nobody@example.com"))).isEmpty();
    }

    @Test
    void findByEmailFollowsChangesAndDeletes() {
        Email old = Email.parse("old@example.com");
        Email fresh = Email.parse("new@example.com");
        Member one = store().save(withEmail(1, old.value()));
        store().save(withEmail(2, old.value()));
        store().save(one.toBuilder().email(fresh).build());
        assertThat(store().findByEmail(old)).extracting(Member::id).containsExactly(memberId(2));
        assertThat(store().findByEmail(fresh)).extracting(Member::id).containsExactly(memberId(1));
        assertThat(store().findByEmail(fresh).get(0).version())
                .as("the look-up returns the new version")
                .isEqualTo(2);

        store().save(stored(1).toBuilder().email(null).build());
        assertThat(store().findByEmail(fresh))
                .as("after the e-mail was cleared")
                .isEmpty();
        store().delete(memberId(2));
        assertThat(store().findByEmail(old)).as("after the member was deleted").isEmpty();
    }

    @Test
    void findByPhoneReturnsEveryMemberWithTheNumberInIdOrderAndFollowsChanges() {
        PhoneNumber shared = PhoneNumber.parse("0912-345-678", "886");
        PhoneNumber other = PhoneNumber.parse("+886 987 654 321", "886");
        store().saveAll(List.of(
                member(5).toBuilder().phone(shared).build(),
                member(2).toBuilder()
                        .phone(PhoneNumber.parse("886912345678", "886"))
                        .build(),
                member(3).toBuilder().phone(other).build()));
        assertThat(store().findByPhone(shared)).extracting(Member::id).containsExactly(memberId(2), memberId(5));

        store().save(stored(5).toBuilder().phone(other).build());
        assertThat(store().findByPhone(shared)).extracting(Member::id).containsExactly(memberId(2));
        assertThat(store().findByPhone(other)).extracting(Member::id).containsExactly(memberId(3), memberId(5));
        store().delete(memberId(3));
        assertThat(store().findByPhone(other)).extracting(Member::id).containsExactly(memberId(5));
        assertThat(store().findByPhone(PhoneNumber.parse("0900-000-000", "886")))
                .isEmpty();
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateAppliesTheChangeToTheStoredMemberAndSavesIt() {
        store().save(member(1).toBuilder().name("before").build());
        List<Member> seenByChange = new ArrayList<>();
        Member updated = store().update(memberId(1), m -> {
            seenByChange.add(m);
            return m.toBuilder().tag(Tag.manual("vip", "amy", at(5))).build();
        });
        assertThat(seenByChange)
                .last()
                .isEqualTo(member(1).toBuilder().name("before").build().withVersion(1));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.hasTag("vip")).isTrue();
        assertThat(updated.name()).contains("before");
        assertThat(stored(1)).isEqualTo(updated);
    }

    @Test
    void updateIsHeardAsOneUpdateWithBeforeAndAfter() {
        Member v1 = store().save(member(1));
        Recorder<Member> heard = new Recorder<>();
        store().subscribe(heard);
        Member v2 = store().update(memberId(1), m -> m.toBuilder().name("after").build());
        assertThat(heard.onlyCall()).containsExactly(new ChangeEvent<>(Kind.UPDATED, Optional.of(v1), Optional.of(v2)));
    }

    @Test
    void aSaveOverAnExistingMemberIsHeardAsAnUpdate() {
        Member v1 = store().save(member(1));
        Recorder<Member> heard = new Recorder<>();
        store().subscribe(heard);
        List<Member> saved =
                store().saveAll(List.of(v1.toBuilder().name("after").build(), member(2)));
        assertThat(heard.onlyCall())
                .containsExactly(ChangeEvent.of(v1, saved.get(0)), ChangeEvent.of(null, saved.get(1)));
    }

    @Test
    void updateOfAMemberThatDoesNotExistIsAStoreException() {
        assertThatThrownBy(() -> store().update(memberId(1), m -> m)).isInstanceOf(NotFoundException.class);
        assertThat(store().count()).isZero();
    }

    @Test
    void updateThatChangesTheIdIsInvalidAndWritesNothing() {
        Member v1 = store().save(member(1));
        assertThatThrownBy(() -> store().update(memberId(1), m -> member(2))).isInstanceOf(InvalidValueException.class);
        assertThat(store().find(memberId(2))).isEmpty();
        assertThat(stored(1)).isEqualTo(v1);
    }

    @Test
    void updateThatReturnsNullIsInvalidAndWritesNothing() {
        Member v1 = store().save(member(1));
        assertThatThrownBy(() -> store().update(memberId(1), m -> null)).isInstanceOf(InvalidValueException.class);
        assertThat(stored(1)).isEqualTo(v1);
    }

    @Test
    void concurrentUpdatesOfOneMemberLoseNothing() throws InterruptedException {
        int threads = 8;
        int increments = 200;
        store().save(member(1).toBuilder().attribute(COUNTER, 0).build());
        AtomicInteger heard = new AtomicInteger();
        store().subscribe(changes -> heard.addAndGet(changes.size()));
        Concurrently.run(threads, t -> {
            for (int i = 0; i < increments; i++) {
                store().update(
                                memberId(1),
                                m -> m.toBuilder()
                                        .attribute(COUNTER, m.attribute(COUNTER).orElseThrow() + 1)
                                        .build());
            }
        });
        Member m = stored(1);
        assertThat(m.attribute(COUNTER)).as("counter").contains(threads * increments);
        assertThat(m.version()).as("version").isEqualTo(1L + threads * increments);
        assertThat(heard).as("changes heard").hasValue(threads * increments);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void nullArgumentsOfMemberMethodsAreInvalidValues() {
        Member v1 = store().save(member(1));
        assertInvalid("saveAll(null)", () -> store().saveAll(null));
        assertInvalid("saveAll([member, null])", () -> store().saveAll(Arrays.asList(member(2), null)));
        assertInvalid("save(null)", () -> store().save(null));
        assertInvalid("findByEmail(null)", () -> store().findByEmail(null));
        assertInvalid("findByPhone(null)", () -> store().findByPhone(null));
        assertInvalid("findByExternalId(null)", () -> store().findByExternalId(null));
        assertInvalid("update(null, change)", () -> store().update(null, m -> m));
        assertInvalid("update(id, null)", () -> store().update(memberId(1), null));
        assertThat(store().findAll(List.of(memberId(1), memberId(2)))).containsExactly(v1);
    }

    @Test
    void externalIdsOfAMemberAreAllFoundAfterASaveThatKeepsThem() {
        Member full = store().save(fullMember(memberId(1)));
        Member renamed = store().save(full.toBuilder().name("renamed").build());
        Set<ExternalId> ids = full.externalIds();
        assertThat(ids).hasSize(2);
        for (ExternalId x : ids) {
            assertThat(store().findByExternalId(x))
                    .as("findByExternalId(%s)", x)
                    .contains(renamed);
        }
    }
}
