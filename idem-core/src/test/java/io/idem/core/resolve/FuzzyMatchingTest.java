package io.idem.core.resolve;

import static io.idem.core.resolve.Records.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.idem.core.match.FieldScore;
import io.idem.core.match.Level;
import io.idem.core.match.MatchDecision;
import io.idem.core.match.MatchField;
import io.idem.core.model.RecordKey;
import io.idem.core.store.ChangeSet;
import io.idem.core.store.PairReview;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retail cases fuzzy matching exists for, resolved end to end by the resolver. */
class FuzzyMatchingTest {
    private final Resolver resolver = new Resolver(ResolverConfig.defaults());

    private String profile(String key) {
        return resolver.profileOf(RecordKey.parse(key));
    }

    private PairExplanation explain(String a, String b) {
        return resolver.explain(RecordKey.parse(a), RecordKey.parse(b));
    }

    private static FieldScore field(PairExplanation x, MatchField f) {
        return x.score().fields().stream().filter(s -> s.field() == f).findFirst().orElseThrow();
    }

    @Test
    void clerkTypoWithThePhoneWrittenDifferentlyJoinsTheWebShopProfile() {
        resolver.upsert(rec("ecommerce:1", "document", "30.123.456", "email", "monica.gonzalez@gmail.com",
                "phone", "+54 9 11 4123-4567", "first_name", "Mónica", "last_name", "González"));
        resolver.upsert(rec("tienda:1", "full_name", "MONICA GONZALES", "phone", "011 15-4123-4567"));
        assertThat(profile("tienda:1")).isEqualTo(profile("ecommerce:1"));
        PairExplanation x = explain("tienda:1", "ecommerce:1");
        assertThat(field(x, MatchField.GIVEN_NAME).level()).isEqualTo(Level.EXACT);
        assertThat(field(x, MatchField.FAMILY_NAME).level()).isEqualTo(Level.PHONETIC);
        assertThat(field(x, MatchField.PHONE).level()).isEqualTo(Level.EXACT);
        assertThat(field(x, MatchField.DOCUMENT).level()).isEqualTo(Level.MISSING);
        assertThat(field(x, MatchField.DOCUMENT).weight()).isZero();
        assertThat(x.decision()).isEqualTo(MatchDecision.Kind.MATCH);
    }

    @Test
    void aDocumentTypedWithTwoDigitsSwappedJoinsAndTheMergeSaysWhy() {
        resolver.upsert(rec("ecommerce:1", "document", "30123456", "first_name", "Mónica", "last_name", "González",
                "birth_date", "1984-03-02"));
        resolver.upsert(rec("tienda:1", "full_name", "GONZALEZ MONICA", "document", "30.123.465"));
        assertThat(profile("tienda:1")).isEqualTo(profile("ecommerce:1"));
        PairExplanation x = explain("ecommerce:1", "tienda:1");
        assertThat(field(x, MatchField.DOCUMENT).level()).isEqualTo(Level.ONE_EDIT);
        assertThat(field(x, MatchField.DOCUMENT).weight()).isGreaterThan(10);
        assertThat(x.sharedIdentifiers()).isEmpty();

        // a contest entry bridging two profiles that only fuzzy matching ties: the merge logs the score
        Resolver r = new Resolver(ResolverConfig.defaults());
        r.upsert(rec("concurso:1", "email", "mgonzalez@x.com", "first_name", "Mónica", "last_name", "González"));
        r.upsert(rec("tienda:9", "full_name", "MONICA GONZALEZ", "document", "30123465"));
        r.drain();
        r.upsert(rec("ecommerce:1", "document", "30123456", "email", "mgonzalez@x.com", "first_name", "Mónica",
                "last_name", "González"));
        ChangeSet cs = r.drain();
        assertThat(r.profileOf(RecordKey.parse("tienda:9"))).isEqualTo(r.profileOf(RecordKey.parse("concurso:1")));
        assertThat(cs.log()).filteredOn(l -> l.action().equals("merge")).singleElement()
                .satisfies(l -> assertThat(l.reason()).startsWith("fuzzy match score").contains("document one edit apart")
                        .contains("tienda:9"));
    }

    /**
     * A clerk types Juan Pérez's document with the last digit wrong, and it is María Gómez's: the
     * equal document does not put the ticket in her profile (nothing but the document agrees), and
     * the ticket joins Juan through the document one digit off and his name. In either order.
     */
    @Test
    void aDocumentTypedWrongThatIsAnotherCustomersDoesNotJoinHer() {
        for (boolean ticketFirst : new boolean[] {false, true}) {
            Resolver r = new Resolver(ResolverConfig.defaults());
            Runnable ticket = () -> r.upsert(rec("tienda:7", "full_name", "JUAN PEREZ", "document", "30.123.456",
                    "phone", "11 5555-0101"));
            if (ticketFirst) {
                ticket.run();
            }
            r.upsert(rec("ecommerce:1", "document", "30123456", "first_name", "María", "last_name", "Gómez",
                    "birth_date", "1980-05-17", "email", "maria.gomez@gmail.com"));
            r.upsert(rec("ecommerce:2", "document", "30123455", "first_name", "Juan", "last_name", "Pérez",
                    "birth_date", "1975-09-02", "email", "juanperez75@hotmail.com"));
            if (!ticketFirst) {
                ticket.run();
            }
            String maria = r.profileOf(RecordKey.parse("ecommerce:1"));
            assertThat(r.profileOf(RecordKey.parse("tienda:7"))).as("ticket first: %s", ticketFirst)
                    .isNotEqualTo(maria)
                    .isEqualTo(r.profileOf(RecordKey.parse("ecommerce:2")));
            // neither joined nor forgotten: a person is asked, and explain says why the document did not link
            assertThat(r.drain().reviews()).as("ticket first: %s", ticketFirst)
                    .anySatisfy(p -> assertThat(List.of(p.a(), p.b())).containsExactlyInAnyOrder(
                            RecordKey.parse("ecommerce:1"), RecordKey.parse("tienda:7")));
            assertThat(r.explain(RecordKey.parse("ecommerce:1"), RecordKey.parse("tienda:7")).sharedIdentifiers())
                    .containsExactly("document:30123456 (unrelated names)");
        }
    }

    /**
     * The same document on records whose names share nothing still links them when the rest agrees
     * (FEBRL's duplicates have names replaced whole, the birth date and address kept).
     */
    @Test
    void anEqualDocumentWithUnrelatedNamesLinksWhenTheRestAgrees() {
        resolver.upsert(rec("a:1", "document", "8349921", "first_name", "Rosie", "last_name", "Reid",
                "birth_date", "1977-07-14", "address", "65 hobart place", "postcode", "2090"));
        resolver.upsert(rec("b:1", "document", "8349921", "first_name", "Kyle", "last_name", "Brain",
                "birth_date", "1977-07-14", "address", "65 hobart place", "postcode", "2090"));
        assertThat(profile("b:1")).isEqualTo(profile("a:1"));
    }

    @Test
    void aTicketWithTheCardAndADocumentTypedWrongJoinsAndSoDoesTheCardAlone() {
        // the mistyped document makes the card "shared" (two documents): the exact rule does not
        // follow it, the score must, and the ticket with only the card then has one person to join
        resolver.upsert(rec("fidelizacion:1", "loyalty_id", "FID-0003613", "document", "26.920.724",
                "first_name", "Ignacio", "last_name", "Fontana", "birth_date", "1972-11-11"));
        resolver.upsert(rec("tienda:1", "full_name", "IGNACIO FONTANA", "loyalty_id", "FID-0003613"));
        resolver.upsert(rec("tienda:2", "full_name", "Fontana, Ignacio", "document", "26220724",
                "loyalty_id", "FID-0003613"));
        resolver.upsert(rec("tienda:3", "loyalty_id", "FID-0003613"));
        assertThat(profile("tienda:2")).isEqualTo(profile("fidelizacion:1"));
        assertThat(profile("tienda:1")).isEqualTo(profile("fidelizacion:1"));
        assertThat(profile("tienda:3")).isEqualTo(profile("fidelizacion:1"));
        assertThat(explain("tienda:2", "fidelizacion:1").sharedIdentifiers())
                .containsExactly("loyalty_id:FID-0003613 (shared)");
    }

    @Test
    void aCardSeenWithTwoPeoplesDocumentsStillSeparatesThem() {
        resolver.upsert(rec("fidelizacion:1", "loyalty_id", "FID-0000001", "document", "26920724",
                "first_name", "Ignacio", "last_name", "Fontana"));
        resolver.upsert(rec("tienda:1", "full_name", "LAURA FONTANA", "document", "31555444",
                "loyalty_id", "FID-0000001"));
        resolver.upsert(rec("tienda:2", "loyalty_id", "FID-0000001"));
        assertThat(profile("tienda:1")).isNotEqualTo(profile("fidelizacion:1"));
        assertThat(profile("tienda:2")).isNotEqualTo(profile("fidelizacion:1")).isNotEqualTo(profile("tienda:1"));
    }

    /** 800 customers with names no one else has: among so few records any name is too common to link on. */
    private static void strangers(Resolver r) {
        for (int i = 0; i < 800; i++) {
            String a = "" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i / 676);
            r.upsert(rec("ecommerce:f" + i, "document", Integer.toString(20_000_000 + i * 7), "first_name",
                    "Zu" + a + "lo", "last_name", "Qua" + a + "rt"));
        }
    }

    @Test
    void aTicketWithJustARareNameNoOtherProfileCarriesJoinsIt() {
        strangers(resolver);
        resolver.upsert(rec("tienda:1", "full_name", "INSAURRALDE RAMIRO"));
        resolver.upsert(rec("concurso:1", "email", "rinsaurralde@gmail.com", "first_name", "Ramiro",
                "last_name", "Insaurralde"));
        resolver.drain();
        // a contest entry is no documented profile; the web shop order with its email is
        assertThat(profile("tienda:1")).isNotEqualTo(profile("concurso:1"));
        resolver.upsert(rec("ecommerce:1", "document", "30111222", "first_name", "Ramiro", "last_name",
                "Insaurralde", "email", "rinsaurralde@gmail.com"));
        ChangeSet cs = resolver.drain();
        assertThat(profile("concurso:1")).isEqualTo(profile("ecommerce:1"));
        assertThat(profile("tienda:1")).isEqualTo(profile("ecommerce:1"));
        assertThat(explain("tienda:1", "ecommerce:1").decision()).isEqualTo(MatchDecision.Kind.REVIEW);
        assertThat(cs.log()).filteredOn(l -> l.action().equals("merge")).singleElement()
                .satisfies(l -> assertThat(l.reason()).startsWith("fuzzy match on a name no other profile carries"));
    }

    @Test
    void aTicketWithJustANameTwoProfilesCarryStaysApart() {
        strangers(resolver);
        resolver.upsert(rec("ecommerce:1", "document", "30111222", "first_name", "Ramiro", "last_name",
                "Insaurralde"));
        resolver.upsert(rec("ecommerce:2", "document", "40555666", "first_name", "Ramiro", "last_name",
                "Insaurralde"));
        resolver.upsert(rec("tienda:1", "full_name", "INSAURRALDE RAMIRO"));
        resolver.upsert(rec("tienda:2", "full_name", "RAMIRO INSAURRALDE", "phone", "011 15-4123-4567"));
        assertThat(profile("tienda:1")).isNotEqualTo(profile("ecommerce:1")).isNotEqualTo(profile("ecommerce:2"));
        assertThat(profile("tienda:2")).isNotEqualTo(profile("ecommerce:1")).isNotEqualTo(profile("ecommerce:2"));
    }

    @Test
    void aTicketWithJustAFrequentNameStaysApart() {
        resolver.upsert(rec("ecommerce:1", "document", "30111222", "first_name", "Ramiro", "last_name",
                "Insaurralde"));
        resolver.upsert(rec("tienda:1", "full_name", "INSAURRALDE RAMIRO"));
        // two names among two records: either could be anyone's
        assertThat(profile("tienda:1")).isNotEqualTo(profile("ecommerce:1"));
    }

    @Test
    void aCommonNameWithDifferentDocumentsStaysApart() {
        resolver.upsert(rec("ecommerce:1", "document", "20111222", "first_name", "Juan", "last_name", "Pérez",
                "city", "Rosario", "postcode", "2000"));
        resolver.upsert(rec("ecommerce:2", "document", "33444555", "first_name", "Juan", "last_name", "Perez",
                "city", "Rosario", "postcode", "2000"));
        resolver.upsert(rec("fidelizacion:3", "document", "28999000", "first_name", "JUAN", "last_name", "PEREZ",
                "birth_date", "1980-01-01"));
        assertThat(resolver.profileCount()).isEqualTo(3);
        PairExplanation x = explain("ecommerce:1", "ecommerce:2");
        assertThat(field(x, MatchField.DOCUMENT).level()).isEqualTo(Level.DIFFERENT);
        assertThat(field(x, MatchField.DOCUMENT).weight()).isLessThan(-8);
        assertThat(x.decision()).isNotEqualTo(MatchDecision.Kind.MATCH);
    }

    @Test
    void aContestEntryWithASecondEmailJoinsByNameCityAndBirthDate() {
        resolver.upsert(rec("ecommerce:1", "document", "30123456", "email", "ana.diaz@gmail.com", "first_name", "Ana",
                "last_name", "Díaz", "city", "Rosario", "birth_date", "1985-02-03"));
        resolver.upsert(rec("concurso:1", "email", "anita85@hotmail.com", "first_name", "ANA", "last_name", "DIAZ",
                "city", "rosario", "birth_date", "03/02/1985"));
        assertThat(profile("concurso:1")).isEqualTo(profile("ecommerce:1"));
        assertThat(field(explain("ecommerce:1", "concurso:1"), MatchField.EMAIL).level()).isEqualTo(Level.DIFFERENT);
    }

    /** A clerk's "Ricci, Marisa" is read surname first: the explanation pairs first name with first name. */
    @Test
    void aNameTypedSurnameFirstIsComparedFirstNameToFirstName() {
        resolver.upsert(rec("ecommerce:1", "document", "29674214", "first_name", "Marisa", "last_name", "Ricci"));
        resolver.upsert(rec("tienda:1", "full_name", "Ricci, Marisa"));
        for (PairExplanation x : List.of(explain("tienda:1", "ecommerce:1"), explain("ecommerce:1", "tienda:1"))) {
            assertThat(field(x, MatchField.GIVEN_NAME).detail()).isEqualTo("marisa ~ marisa");
            assertThat(field(x, MatchField.FAMILY_NAME).detail()).isEqualTo("ricci ~ ricci");
        }
    }

    /**
     * Two María Gonzálezes, each with an address made of her name at another provider: the names
     * have counted that agreement already, and namesakes choose such addresses as often as one
     * person. Digits beyond the name still count.
     */
    @Test
    void anAddressMadeOfTheNameAtAnotherDomainSaysNothingTheNamesDidNot() {
        resolver.upsert(rec("ecommerce:1", "document", "30123456", "email", "maria.gonzalez@gmail.com",
                "first_name", "María", "last_name", "González"));
        resolver.upsert(rec("concurso:1", "email", "maria.gonzalez@hotmail.com", "first_name", "MARIA",
                "last_name", "GONZALEZ"));
        resolver.upsert(rec("ecommerce:2", "document", "27999888", "email", "maria.gonzalez78@gmail.com",
                "first_name", "María", "last_name", "González"));
        resolver.upsert(rec("concurso:2", "email", "maria.gonzalez78@hotmail.com", "first_name", "MARIA",
                "last_name", "GONZALEZ"));
        FieldScore spelled = field(explain("ecommerce:1", "concurso:1"), MatchField.EMAIL);
        FieldScore digits = field(explain("ecommerce:2", "concurso:2"), MatchField.EMAIL);
        assertThat(spelled.level()).isEqualTo(Level.SPELLED);
        assertThat(spelled.weight()).isBetween(-0.5, 0.5);
        assertThat(spelled.detail()).isEqualTo("maria.gonzalez@gmail.com ~ maria.gonzalez@hotmail.com");
        assertThat(digits.level()).isEqualTo(Level.SAME_LOCAL);
        assertThat(digits.weight()).isGreaterThan(spelled.weight() + 1);
        assertThat(explain("ecommerce:2", "concurso:2").score().probability())
                .isGreaterThan(explain("ecommerce:1", "concurso:1").score().probability());
    }

    /**
     * Where a postcode is one town's, agreeing on the town as well is worth little more than the
     * postcode: the city's {@code u} is its share among the records with that postcode. Where the
     * postcode spans many towns, the town still says something.
     */
    @Test
    void aCityThePostcodeImpliesAddsLittleToTheEqualPostcode() {
        double[] city = new double[2];
        for (int spread = 0; spread < 2; spread++) {
            Resolver r = new Resolver(ResolverConfig.defaults());
            for (int i = 0; i < 1000; i++) {
                boolean flores = i < 60;
                String town = flores ? (spread == 1 ? "Pueblo " + (i % 20) : "Flores") : "Pueblo " + (i % 20);
                if (flores && spread == 1 && i % 20 == 0) {
                    town = "Flores";
                }
                r.upsert(rec("ecommerce:" + i, "document", String.valueOf(20_000_000 + i * 7919), "first_name",
                        "Nombre" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26), "last_name", "Apellido" + i,
                        "postcode", flores ? "1406" : String.valueOf(2000 + i % 40), "city", town));
            }
            FieldScore f = r.explain(RecordKey.parse("ecommerce:0"), RecordKey.parse("ecommerce:20")).score().fields()
                    .stream().filter(s -> s.field() == MatchField.CITY).findFirst().orElseThrow();
            assertThat(f.level()).isEqualTo(Level.EXACT);
            city[spread] = f.weight();
        }
        assertThat(city[0]).isLessThan(2.5);
        assertThat(city[1]).isGreaterThan(city[0] + 1.5);
    }

    @Test
    void theHouseholdLandlineIsWeakAndTheNamePicksTheFamilyMember() {
        resolver.upsert(rec("ecommerce:1", "document", "20111222", "phone", "011 4555-1234", "first_name", "Ernesto",
                "last_name", "Verón"));
        resolver.upsert(rec("ecommerce:2", "document", "25442712", "phone", "011 4555-1234", "first_name",
                "Guadalupe", "last_name", "Verón"));
        resolver.upsert(rec("ecommerce:3", "document", "40111333", "phone", "011 4555-1234", "first_name", "Tomás",
                "last_name", "Verón"));
        resolver.upsert(rec("callcenter:1", "phone", "(011) 4555-1234", "full_name", "GUADALUPE VERON"));
        resolver.upsert(rec("callcenter:2", "phone", "011 4555 1234", "full_name", "Verón"));
        assertThat(profile("callcenter:1")).isEqualTo(profile("ecommerce:2"));
        assertThat(resolver.profileCount()).isEqualTo(4);
        PairExplanation wrongMember = explain("callcenter:1", "ecommerce:1");
        assertThat(field(wrongMember, MatchField.PHONE).level()).isEqualTo(Level.SHARED);
        assertThat(field(wrongMember, MatchField.PHONE).weight()).isBetween(0.0, 3.0);
        assertThat(field(wrongMember, MatchField.GIVEN_NAME).level()).isEqualTo(Level.DIFFERENT);
        assertThat(wrongMember.decision()).isEqualTo(MatchDecision.Kind.DISTINCT);
    }

    @Test
    void aFamilyEmailIsWeakEvidence() {
        resolver.upsert(rec("ecommerce:1", "document", "20111222", "email", "flia.veron@yahoo.com.ar",
                "first_name", "Ernesto", "last_name", "Verón"));
        resolver.upsert(rec("ecommerce:2", "document", "25442712", "email", "flia.veron@yahoo.com.ar",
                "first_name", "Guadalupe", "last_name", "Verón"));
        resolver.upsert(rec("concurso:1", "email", "flia.veron@yahoo.com.ar", "first_name", "Ernesto",
                "last_name", "Veron"));
        assertThat(profile("concurso:1")).isEqualTo(profile("ecommerce:1"));
        assertThat(profile("ecommerce:2")).isNotEqualTo(profile("ecommerce:1"));
        PairExplanation x = explain("concurso:1", "ecommerce:2");
        assertThat(field(x, MatchField.EMAIL).level()).isEqualTo(Level.SHARED);
        assertThat(x.decision()).isEqualTo(MatchDecision.Kind.DISTINCT);
    }

    @Test
    void aRejectedPairIsNeverMergedAutomaticallyAgainAndAnAcceptedOneMerges() {
        resolver.upsert(rec("ecommerce:1", "document", "30123456", "first_name", "Mónica", "last_name", "González"));
        resolver.upsert(rec("tienda:1", "full_name", "MONICA GONZALEZ", "document", "30123465"));
        assertThat(profile("tienda:1")).isEqualTo(profile("ecommerce:1"));
        resolver.drain();
        PairReview rejected = PairReview.open(RecordKey.parse("ecommerce:1"), RecordKey.parse("tienda:1"), 0.99, "",
                1).decided(PairReview.REJECTED, 2);
        resolver.reject(rejected);
        ChangeSet cs = resolver.drain();
        assertThat(cs.reviews()).containsExactly(rejected);
        assertThat(profile("tienda:1")).isNotEqualTo(profile("ecommerce:1"));
        // more evidence arrives: a record carrying both documents' holder name and the typo'd document
        resolver.upsert(rec("tienda:2", "full_name", "MONICA GONZALEZ", "document", "30123465",
                "email", "m@x.com"));
        resolver.upsert(rec("tienda:1", "full_name", "MONICA GONZALEZ", "document", "30123465", "phone",
                "011 15-4123-4567"));
        assertThat(profile("tienda:1")).isNotEqualTo(profile("ecommerce:1"));
        assertThat(explain("ecommerce:1", "tienda:1").review()).isEqualTo(PairReview.REJECTED);

        resolver.upsert(rec("concurso:5", "email", "ana@x.com", "full_name", "Ana Díaz"));
        resolver.upsert(rec("concurso:6", "email", "adiaz@y.com", "full_name", "Ana Diaz"));
        assertThat(profile("concurso:5")).isNotEqualTo(profile("concurso:6"));
        resolver.accept(PairReview.open(RecordKey.parse("concurso:5"), RecordKey.parse("concurso:6"), 0.8, "", 1)
                .decided(PairReview.ACCEPTED, 2));
        assertThat(profile("concurso:5")).isEqualTo(profile("concurso:6"));
    }

    @Test
    void unsurePairsGoToTheReviewQueue() {
        resolver.upsert(rec("ecommerce:1", "document", "30123456", "first_name", "Nicolás", "last_name", "Córdoba",
                "email", "ncordoba@gmail.com"));
        resolver.upsert(rec("tienda:1", "full_name", "CORDOBA NICOLAS"));
        assertThat(profile("tienda:1")).isNotEqualTo(profile("ecommerce:1"));
        ChangeSet cs = resolver.drain();
        assertThat(cs.reviews()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PairReview.OPEN);
            assertThat(r.a()).isEqualTo(RecordKey.parse("ecommerce:1"));
            assertThat(r.reason()).contains("given name exact").contains("surname exact");
            assertThat(r.id()).isEqualTo(PairReview.idOf(RecordKey.parse("tienda:1"), RecordKey.parse("ecommerce:1")));
        });
        assertThat(resolver.comparisons()).isEqualTo(1);
    }

    /**
     * Records with more than a name meet namesakes by the name alone only in small name blocks; a
     * record with just a name meets every namesake.
     */
    @Test
    void namesakesWithMoreThanANameMeetByNameOnlyInSmallBlocks() {
        for (int i = 1; i <= io.idem.core.match.Blocking.NAME_BLOCK + 1; i++) {
            resolver.upsert(rec("ecommerce:" + i, "first_name", "Juan", "last_name", "Pérez",
                    "phone", "+54 9 11 4123-45" + (10 + i)));
        }
        long before = resolver.comparisons();
        resolver.upsert(rec("ecommerce:99", "first_name", "Juan", "last_name", "Pérez", "phone", "+54 9 11 5999-0001"));
        assertThat(resolver.comparisons() - before).as("a block of %d namesakes", io.idem.core.match.Blocking.NAME_BLOCK + 1)
                .isZero();
        before = resolver.comparisons();
        resolver.upsert(rec("tienda:1", "full_name", "JUAN PEREZ"));
        assertThat(resolver.comparisons() - before).as("a ticket with just the name").isEqualTo(
                io.idem.core.match.Blocking.NAME_BLOCK + 2);
        before = resolver.comparisons();
        resolver.upsert(rec("ecommerce:100", "first_name", "Juan", "last_name", "Pérez", "phone", "+54 9 11 5999-0002"));
        assertThat(resolver.comparisons() - before).as("the ticket, a bare namesake").isEqualTo(1);

        resolver.upsert(rec("ecommerce:200", "first_name", "Ana", "last_name", "Villalba", "phone", "+54 9 11 6000-0001"));
        before = resolver.comparisons();
        resolver.upsert(rec("concurso:1", "first_name", "Ana", "last_name", "Villalba", "email", "avillalba@x.com"));
        assertThat(resolver.comparisons() - before).as("a block of one").isEqualTo(1);
    }

    /**
     * Records with a first name and a surname meet others in the same place by the surname alone
     * only in small blocks; a record with just a surname meets every one of them.
     */
    @Test
    void aSurnameAloneInAPlaceIsLookedUpInFullOnlyByRecordsOfOneToken() {
        String[] firstNames = {"Juan", "Pedro", "Luis", "Ana", "Marta", "Carlos", "Ernesto"};
        int block = io.idem.core.match.Blocking.NAME_BLOCK + 1;
        for (int i = 0; i < block; i++) {
            resolver.upsert(rec("ecommerce:" + i, "first_name", firstNames[i], "last_name", "García",
                    "postcode", "1414", "phone", "+54 9 11 4123-45" + (10 + i)));
        }
        long before = resolver.comparisons();
        resolver.upsert(rec("ecommerce:98", "first_name", "Ramiro", "last_name", "García", "postcode", "1414",
                "phone", "+54 9 11 5999-0001"));
        assertThat(resolver.comparisons() - before).as("the surname among %d in the place", block).isZero();
        before = resolver.comparisons();
        resolver.upsert(rec("tienda:1", "last_name", "GARCIA", "postcode", "1414"));
        assertThat(resolver.comparisons() - before).as("a ticket with just the surname").isEqualTo(block + 1);
        before = resolver.comparisons();
        resolver.upsert(rec("ecommerce:99", "first_name", "Sofía", "last_name", "García", "postcode", "1414",
                "phone", "+54 9 11 5999-0002"));
        assertThat(resolver.comparisons() - before).as("the ticket, a record of one token").isEqualTo(1);
    }
}
