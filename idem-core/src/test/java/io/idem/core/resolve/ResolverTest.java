package io.idem.core.resolve;

import static io.idem.core.resolve.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.match.MatchConfig;
import io.idem.core.model.RecordKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.LogEntry;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private final Resolver resolver = new Resolver(ResolverConfig.defaults());

    private String profile(String key) {
        return resolver.profileOf(RecordKey.parse(key));
    }

    @Test
    void webShopBuyerThenContestEmailIsOneEnrichedProfile() {
        resolver.upsert(rec("ecommerce:1", "document", "30.123.456", "email", "Ana.Diaz@Gmail.com ",
                "phone", "011 15-4123-4567", "first_name", "Ana", "last_name", "Díaz"));
        resolver.upsert(rec("concurso:7", "email", "ana.diaz@gmail.com", "first_name", "Ana"));
        assertThat(profile("concurso:7")).isEqualTo(profile("ecommerce:1"));
        assertThat(resolver.profileCount()).isEqualTo(1);
        assertThat(resolver.drainCounters()[0]).isEqualTo(1);
    }

    @Test
    void aRowWithTwoIdentifiersMergesTheirProfilesAndLogsWhy() {
        resolver.upsert(rec("concurso:1", "email", "ana@x.com"));
        resolver.upsert(rec("callcenter:1", "phone", "+54 9 11 4123-4567"));
        assertThat(resolver.profileCount()).isEqualTo(2);
        resolver.drain();
        resolver.upsert(rec("ecommerce:1", "email", "ana@x.com", "phone", "11 4123 4567"));
        assertThat(resolver.profileCount()).isEqualTo(1);
        assertThat(profile("concurso:1")).isEqualTo(profile("callcenter:1")).isEqualTo(profile("ecommerce:1"));
        ChangeSet cs = resolver.drain();
        assertThat(cs.aliases()).hasSize(1);
        LogEntry merge = cs.log().stream().filter(l -> l.action().equals("merge")).findFirst().orElseThrow();
        assertThat(merge.reason()).isEqualTo("shared phone:+5491141234567");
        assertThat(merge.otherId()).isNotEqualTo(merge.profileId());
        assertThat(cs.aliases().values()).containsOnly(profile("ecommerce:1"));
    }

    @Test
    void placeholdersNeverLinkAnyone() {
        resolver.upsert(rec("concurso:1", "email", "test@test.com", "first_name", "Ana"));
        resolver.upsert(rec("concurso:2", "email", "TEST@test.com", "first_name", "Luis"));
        resolver.upsert(rec("tienda:1", "phone", "0000000000", "full_name", "Ana Díaz"));
        resolver.upsert(rec("tienda:2", "phone", "0000000000", "full_name", "Ana Díaz"));
        resolver.upsert(rec("tienda:3", "document", "00000000", "full_name", "Ana Díaz"));
        resolver.upsert(rec("tienda:4", "document", "00.000.000", "full_name", "Ana Díaz"));
        assertThat(resolver.profileCount()).isEqualTo(6);
    }

    @Test
    void familyEmailNeverFusesPeopleWithDifferentDocuments() {
        resolver.upsert(rec("ecommerce:1", "document", "20111222", "email", "flia.veron@yahoo.com.ar",
                "first_name", "Ernesto", "last_name", "Verón"));
        resolver.upsert(rec("ecommerce:2", "document", "25442712", "email", "flia.veron@yahoo.com.ar",
                "first_name", "Guadalupe", "last_name", "Verón"));
        assertThat(profile("ecommerce:1")).isNotEqualTo(profile("ecommerce:2"));
        // a contest entry with the family email: the name says who it is
        resolver.upsert(rec("concurso:1", "email", "flia.veron@yahoo.com.ar", "first_name", "Guadalupe",
                "last_name", "Veron"));
        assertThat(profile("concurso:1")).isEqualTo(profile("ecommerce:2"));
        // no name: it cannot be told, so it stays on its own
        resolver.upsert(rec("concurso:2", "email", "flia.veron@yahoo.com.ar"));
        assertThat(profile("concurso:2")).isNotIn(profile("ecommerce:1"), profile("ecommerce:2"));
        assertThat(resolver.drain().flags()).anySatisfy(f -> {
            assertThat(f.identifier()).isEqualTo("email:flia.veron@yahoo.com.ar");
            assertThat(f.status()).isEqualTo("shared");
        });
    }

    /**
     * A family's address by its name is the household's from the first record: before a second
     * document has shown it shared, an app login with it (no name) does not join the one member
     * whose order carries it, while a contest entry with the same member's name does. Both import
     * orders; fuzzy matching on and off.
     */
    @Test
    void aFamilyAddressByItsNameNeverJoinsARecordWithoutAName() {
        for (MatchConfig match : new MatchConfig[] {MatchConfig.defaults(), MatchConfig.off()}) {
            for (boolean loginFirst : new boolean[] {false, true}) {
                Resolver r = new Resolver(ResolverConfig.defaults().withMatch(match));
                Runnable login = () -> r.upsert(rec("app:1", "device_id", "d-7f3a", "email", "fliaveron21@gmail.com"));
                if (loginFirst) {
                    login.run();
                }
                r.upsert(rec("ecommerce:1", "document", "25442712", "email", "fliaveron21@gmail.com",
                        "first_name", "Guadalupe", "last_name", "Verón"));
                r.upsert(rec("concurso:1", "email", "FliaVeron21@gmail.com", "first_name", "GUADALUPE",
                        "last_name", "VERON"));
                if (!loginFirst) {
                    login.run();
                }
                r.upsert(rec("app:2", "device_id", "d-7f3a"));
                String mother = r.profileOf(RecordKey.parse("ecommerce:1"));
                assertThat(r.profileOf(RecordKey.parse("concurso:1"))).isEqualTo(mother);
                assertThat(r.profileOf(RecordKey.parse("app:1"))).as("login first: %s, %s", loginFirst, match)
                        .isNotEqualTo(mother).isEqualTo(r.profileOf(RecordKey.parse("app:2")));
            }
        }
        // the same login with the member's own address joins her
        resolver.upsert(rec("ecommerce:1", "document", "25442712", "email", "guadaveron@gmail.com",
                "first_name", "Guadalupe", "last_name", "Verón"));
        resolver.upsert(rec("app:1", "device_id", "d-7f3a", "email", "guadaveron@gmail.com"));
        assertThat(profile("app:1")).isEqualTo(profile("ecommerce:1"));
    }

    @Test
    void householdLandlineDoesNotJoinADifferentName() {
        resolver.upsert(rec("ecommerce:1", "document", "25442712", "phone", "+54 341 427-7709",
                "first_name", "Guadalupe", "last_name", "Verón"));
        resolver.upsert(rec("callcenter:1", "phone", "0341 427-7709", "full_name", "ERNESTO"));
        resolver.upsert(rec("callcenter:2", "phone", "0341 427-7709", "full_name", "GUADALUPE VERON"));
        assertThat(profile("callcenter:1")).isNotEqualTo(profile("ecommerce:1"));
        assertThat(profile("callcenter:2")).isEqualTo(profile("ecommerce:1"));
    }

    /**
     * A household shares the surname too: by the landline alone (the exact rule: fuzzy matching
     * off here) the son's ticket is not the mother's, while a clerk's mistyped or initialled
     * spelling of her own name still joins her, and a call with just the surname, which could be
     * either, does not make them one. With fuzzy matching on, the score of the son's ticket
     * against her record decides (landline and surname equal, given name different).
     */
    @Test
    void householdLandlineDoesNotJoinAFamilyMemberWithTheSameSurname() {
        Resolver r = new Resolver(ResolverConfig.defaults().withMatch(MatchConfig.off()));
        r.upsert(rec("ecommerce:1", "document", "25442712", "phone", "+54 341 427-7709",
                "first_name", "María Luisa", "last_name", "Pérez"));
        r.upsert(rec("tienda:1", "phone", "0341 427-7709", "full_name", "PEDRO PEREZ"));
        r.upsert(rec("tienda:2", "phone", "0341 427-7709", "full_name", "MARIA PREZ"));
        r.upsert(rec("callcenter:1", "phone", "0341 427-7709", "full_name", "M. L. PEREZ"));
        r.upsert(rec("callcenter:2", "phone", "0341 427-7709", "full_name", "PEREZ"));
        String mother = r.profileOf(RecordKey.parse("ecommerce:1"));
        assertThat(r.profileOf(RecordKey.parse("tienda:1"))).isNotEqualTo(mother);
        assertThat(r.profileOf(RecordKey.parse("tienda:2"))).isEqualTo(mother);
        assertThat(r.profileOf(RecordKey.parse("callcenter:1"))).isEqualTo(mother);
    }

    /**
     * A family tablet: the mother and the son each logged in on it once. The logins join their own
     * profiles; the anonymous events cannot be told apart, so they stay out of both, as one
     * profile of the device rather than one per event.
     */
    @Test
    void anonymousEventsOfADeviceTwoPeopleLoggedInOnAreOneProfileOfTheirOwn() {
        resolver.upsert(rec("web:1", "document", "25442712", "email", "ana.diaz@gmail.com", "full_name", "Ana Díaz"));
        resolver.upsert(rec("web:2", "document", "40111222", "email", "tomas.diaz@gmail.com", "full_name", "Tomás Díaz"));
        resolver.upsert(rec("app:1", "device_id", "d-7f3a", "email", "ana.diaz@gmail.com"));
        resolver.upsert(rec("app:2", "device_id", "d-7f3a", "email", "tomas.diaz@gmail.com"));
        resolver.upsert(rec("app:3", "device_id", "d-7f3a"));
        resolver.upsert(rec("app:4", "device_id", "d-7f3a"));
        assertThat(profile("app:1")).isEqualTo(profile("web:1"));
        assertThat(profile("app:2")).isEqualTo(profile("web:2"));
        assertThat(profile("app:3")).isEqualTo(profile("app:4"))
                .isNotEqualTo(profile("web:1")).isNotEqualTo(profile("web:2"));
    }

    @Test
    void aBridgeRecordWithTwoDocumentsCannotFuseThem() {
        resolver.upsert(rec("web:1", "document", "20111222", "email", "ana@x.com"));
        resolver.upsert(rec("web:2", "document", "25442712", "phone", "+54 9 11 4123-4567"));
        resolver.upsert(rec("app:1", "email", "ana@x.com", "phone", "+54 9 11 4123-4567"));
        assertThat(profile("web:1")).isNotEqualTo(profile("web:2"));
    }

    @Test
    void valueCarriedByManyDocumentsIsQuarantinedAndUnlinksWhatItHadLinked() {
        resolver.upsert(rec("tienda:0", "phone", "011 4555-1234", "full_name", "Ana Díaz"));
        resolver.upsert(rec("tienda:1", "phone", "011 4555-1234", "full_name", "Ana Díaz"));
        assertThat(profile("tienda:0")).isEqualTo(profile("tienda:1"));
        for (int i = 0; i < 4; i++) {
            resolver.upsert(rec("ecommerce:" + i, "document", Integer.toString(20_000_001 + i * 7919),
                    "phone", "011 4555-1234", "full_name", "Persona " + i));
        }
        ChangeSet cs = resolver.drain();
        assertThat(cs.flags()).anySatisfy(f -> {
            assertThat(f.identifier()).isEqualTo("phone:+5491145551234");
            assertThat(f.status()).isEqualTo("quarantined");
        });
        assertThat(profile("tienda:0")).isNotEqualTo(profile("tienda:1"));
        assertThat(resolver.profileCount()).isEqualTo(6);
    }

    @Test
    void reimportingTheSameRecordChangesNothing() {
        resolver.upsert(rec("web:1", "email", "ana@x.com"));
        resolver.drain();
        assertThat(resolver.upsert(rec("web:1", "email", "ana@x.com"))).isEqualTo(Resolver.Outcome.UNCHANGED);
        assertThat(resolver.drain().isEmpty()).isTrue();
        assertThat(resolver.upsert(rec("web:1", "email", "bea@x.com"))).isEqualTo(Resolver.Outcome.UPDATED);
        assertThat(resolver.recordCount()).isEqualTo(1);
    }

    @Test
    void anUpdateThatRemovesTheBridgeSplitsTheProfile() {
        resolver.upsert(rec("web:1", "email", "ana@x.com"));
        resolver.upsert(rec("web:2", "phone", "+54 9 11 4123-4567"));
        resolver.upsert(rec("web:3", "email", "ana@x.com", "phone", "+54 9 11 4123-4567"));
        assertThat(resolver.profileCount()).isEqualTo(1);
        resolver.upsert(rec("web:3", "email", "ana@x.com"));
        assertThat(resolver.profileCount()).isEqualTo(2);
        assertThat(profile("web:3")).isEqualTo(profile("web:1")).isNotEqualTo(profile("web:2"));
        assertThat(resolver.drain().log()).anyMatch(l -> l.action().equals("split"));
    }

    @Test
    void invalidIdentifiersAreKeptButNeverLink() {
        resolver.upsert(rec("web:1", "email", "not-an-email", "first_name", "Ana"));
        resolver.upsert(rec("web:2", "email", "not-an-email", "first_name", "Ana"));
        assertThat(resolver.profileCount()).isEqualTo(2);
    }

    @Test
    void anUpdateOfWhatResolutionDoesNotReadKeepsTheProfileAndComparesNothing() {
        Resolver r = new Resolver(ResolverConfig.defaults());
        r.upsert(rec("web:1", "email", "ana@x.com", "first_name", "Ana", "last_name", "Villalba",
                "city", "Rosario", "amount", "100"));
        r.upsert(rec("tienda:7", "first_name", "Ana", "last_name", "Villalba", "city", "Rosario",
                "phone", "+54 9 341 555 1234"));
        r.drain();
        long compared = r.comparisons();
        String profile = r.profileOf(RecordKey.parse("web:1"));

        // a new amount: the record is stored again, in its profile, and nothing is decided again
        assertThat(r.upsert(rec("web:1", "email", "ana@x.com", "first_name", "Ana", "last_name", "Villalba",
                "city", "Rosario", "amount", "250"))).isEqualTo(Resolver.Outcome.UPDATED);
        assertThat(r.comparisons()).isEqualTo(compared);
        ChangeSet cs = r.drain();
        assertThat(cs.replacements()).singleElement().satisfies(sr -> {
            assertThat(sr.profileId()).isEqualTo(profile);
            assertThat(sr.record().fields()).anySatisfy(f -> assertThat(f.raw()).isEqualTo("250"));
        });
        assertThat(cs.records()).isEmpty();
        assertThat(cs.moves()).isEmpty();
        assertThat(cs.log()).isEmpty();

        // a changed surname is resolution's business: the record is compared again
        assertThat(r.upsert(rec("web:1", "email", "ana@x.com", "first_name", "Ana", "last_name", "Villalva",
                "city", "Rosario", "amount", "250"))).isEqualTo(Resolver.Outcome.UPDATED);
        assertThat(r.comparisons()).isGreaterThan(compared);
        // and the same record again is unchanged
        assertThat(r.upsert(rec("web:1", "email", "ana@x.com", "first_name", "Ana", "last_name", "Villalva",
                "city", "Rosario", "amount", "250"))).isEqualTo(Resolver.Outcome.UNCHANGED);
    }
}
