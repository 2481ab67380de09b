package io.startline.bench.race;

import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CreateGroupEncoder;
import io.startline.engine.codec.CreateRaceEncoder;
import io.startline.engine.codec.DrawBallotEncoder;
import io.startline.engine.codec.EntrySubmittedDecoder;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.GrantEntitlementsEncoder;
import io.startline.engine.codec.GroupCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.SubmitEntryEncoder;
import io.startline.engine.codec.TickEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * An engine with one big lottery race, and pre-generated applicants, for the race benchmarks.
 * Applicants: random person keys and user ids, birth dates of adults, three categories; a
 * tenth of them in groups of two to four, some entitled to the LOCAL pool, some weighted.
 */
final class RaceBenchEngine
{
    static final long RACE_ID = 2027;
    static final long START_MS = 1_800_000_000_000L;
    static final long REGISTRATION_MS = 10L * 86_400_000L;
    private static final int RACE_EPOCH_DAY = 20_920;
    private static final String[] CATEGORIES = {"FULL", "HALF", "TEN_K"};
    private static final byte[][] CATEGORY_CODES = codes(CATEGORIES);

    final Engine engine;
    final ExpandableArrayBuffer command = new ExpandableArrayBuffer(64 * 1024);
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    final UnsafeBuffer result;
    final long[] personKey0;
    final long[] personKey1;
    final long[] userId;
    final int[] birthEpochDay;
    final byte[] categoryOf;
    long sequence;
    long nowMs = START_MS;
    private final int maxEntries;
    private final int applicants;
    private int racesOpened;

    /**
     * @param maxEntries room for the entries of the races the benchmark will open on this engine.
     */
    RaceBenchEngine(final int applicants, final int maxEntries)
    {
        this.maxEntries = maxEntries;
        this.applicants = applicants;
        engine = new Engine(new EngineContext()
            .maxEntries(maxEntries)
            .maxVenues(1)
            .maxCalendarSlots(1024)
            .maxReservations(1024)
            .maxGroups(applicants / 10 + 16)
            .maxEntitlements(applicants / 5 + 16)
            .maxIdempotencyKeys(1024)
            .idempotencyResultBytes(64 << 10)
            .codeKey(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L));
        result = new UnsafeBuffer(new byte[engine.maxResultLength()]);
        personKey0 = new long[applicants];
        personKey1 = new long[applicants];
        userId = new long[applicants];
        birthEpochDay = new int[applicants];
        categoryOf = new byte[applicants];
        final SplittableRandom random = new SplittableRandom(20261122);
        for (int i = 0; i < applicants; i++)
        {
            personKey0[i] = random.nextLong();
            personKey1[i] = random.nextLong();
            userId[i] = 1 + i * 7L + random.nextInt(7);
            birthEpochDay[i] = RACE_EPOCH_DAY - 365 * 25 - random.nextInt(365 * 30);
            categoryOf[i] = (byte)(random.nextInt(10) < 5 ? 0 : random.nextInt(10) < 7 ? 1 : 2);
        }
        createRace(RACE_ID);
        racesOpened = 0;
    }

    /** Entries this engine can still take, when every race opened after the first is registered in full. */
    int entriesLeft()
    {
        return maxEntries - racesOpened * applicants;
    }

    /** Opens another race with the same categories, for a benchmark iteration of its own. */
    void createRace(final long raceId)
    {
        final CreateRaceEncoder race = new CreateRaceEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .requestedRaceId(raceId)
            .raceDateEpochDay(RACE_EPOCH_DAY)
            .mode(RaceMode.LOTTERY)
            .registrationOpensAt(START_MS)
            .registrationClosesAt(START_MS + REGISTRATION_MS)
            .paymentWindowMs(3L * 86_400_000L)
            .maxGroupSize(4);
        final CreateRaceEncoder.CategoriesEncoder categories = race.categoriesCount(3);
        categories.next().code("FULL").capacity(30_000).feeFen(20_000).minAge(20).maxAge(70).bibFrom(1)
            .poolsCount(2).next().code("ELITE").places(300).guaranteed(BooleanType.TRUE)
            .next().code("LOCAL").places(6_000).guaranteed(BooleanType.FALSE);
        categories.next().code("HALF").capacity(20_000).feeFen(15_000).minAge(16).maxAge(75).bibFrom(100_001)
            .poolsCount(1).next().code("LOCAL").places(2_000).guaranteed(BooleanType.FALSE);
        categories.next().code("TEN_K").capacity(8_000).feeFen(8_000).minAge(12).maxAge(90).bibFrom(300_001)
            .poolsCount(0);
        race.name("City Marathon 2027");
        applyExpecting(MessageHeaderEncoder.ENCODED_LENGTH + race.encodedLength(), 2030);
        racesOpened++;
    }

    /**
     * A ready SubmitEntry with the fixed and variable parts written once; {@link #register}
     * then rewrites only the per-applicant fixed fields in place.
     */
    SubmitEntryEncoder submitEncoder(final long raceId)
    {
        return new SubmitEntryEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .raceId(raceId)
            .groupCode("")
            .gender(Gender.F)
            .name("Li Wei")
            .phone("13800138000");
    }

    /**
     * One registration: one {@code Engine.apply} of a SubmitEntry.
     *
     * @return the template of the result, 2033 when the entry was accepted.
     */
    int register(final SubmitEntryEncoder submit, final int applicant)
    {
        submit.userId(userId[applicant])
            .putCategoryCode(CATEGORY_CODES[categoryOf[applicant]], 0)
            .personKey0(personKey0[applicant])
            .personKey1(personKey1[applicant])
            .birthEpochDay(birthEpochDay[applicant]);
        engine.apply(++sequence, nowMs, command, 0, result, 0);
        return headerDecoder.wrap(result, 0).templateId();
    }

    /**
     * Registers every applicant the way a real season looks: groups created and joined by a
     * tenth, the LOCAL pool granted to a fifth in batches, weights 2 to 4 to a tenth.
     */
    void registerEveryone()
    {
        final int applicants = userId.length;
        final SplittableRandom random = new SplittableRandom(7);
        final String[] openGroup = new String[3];
        final int[] openGroupMembers = new int[3];
        final int[] openGroupSize = new int[3];
        final GroupCreatedDecoder groupCreated = new GroupCreatedDecoder();
        for (int i = 0; i < applicants; i++)
        {
            final int category = categoryOf[i];
            String groupCode = "";
            if (random.nextInt(10) == 0)
            {
                if (openGroup[category] == null || openGroupMembers[category] == openGroupSize[category])
                {
                    openGroupSize[category] = 2 + random.nextInt(3);
                    final CreateGroupEncoder group = new CreateGroupEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
                        .raceId(RACE_ID).userId(userId[i]).categoryCode(CATEGORIES[category]);
                    applyExpecting(MessageHeaderEncoder.ENCODED_LENGTH + group.encodedLength(), 2032);
                    openGroup[category] = groupCreated.wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
                        headerDecoder.blockLength(), headerDecoder.version()).groupCode();
                    openGroupMembers[category] = 0;
                }
                groupCode = openGroup[category];
                openGroupMembers[category]++;
            }
            final SubmitEntryEncoder submit = submitEncoder(RACE_ID).groupCode(groupCode);
            if (register(submit, i) != EntrySubmittedDecoder.TEMPLATE_ID)
            {
                throw new IllegalStateException("applicant " + i + " refused: template " + headerDecoder.templateId());
            }
        }
        grant("LOCAL", 0, 5, random);
        grant(null, 3, 10, random);
    }

    private void grant(final String pool, final int weight, final int oneIn, final SplittableRandom random)
    {
        final int batch = 5_000;
        for (int from = 0; from < userId.length; from += batch * oneIn)
        {
            final GrantEntitlementsEncoder grant = new GrantEntitlementsEncoder()
                .wrapAndApplyHeader(command, 0, headerEncoder)
                .raceId(RACE_ID)
                .poolCode(pool == null ? "" : pool)
                .weight(weight == 0 ? 0 : 2 + random.nextInt(weight - 1));
            final int rows = Math.min(batch, (userId.length - from + oneIn - 1) / oneIn);
            final GrantEntitlementsEncoder.PersonsEncoder persons = grant.personsCount(rows);
            for (int k = 0; k < rows; k++)
            {
                final int applicant = from + k * oneIn;
                persons.next().personKey0(personKey0[applicant]).personKey1(personKey1[applicant]);
            }
            applyExpecting(MessageHeaderEncoder.ENCODED_LENGTH + grant.encodedLength(), 2031);
        }
    }

    /** Lets registration close: the entry list freezes and its hash is computed. */
    void closeRegistration()
    {
        nowMs = START_MS + REGISTRATION_MS;
        final TickEncoder tick = new TickEncoder().wrapAndApplyHeader(command, 0, headerEncoder);
        applyExpecting(MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength(), 2001);
    }

    int draw(final byte[] seed)
    {
        final DrawBallotEncoder draw = new DrawBallotEncoder().wrapAndApplyHeader(command, 0, headerEncoder)
            .raceId(RACE_ID)
            .putSeed(seed, 0, seed.length);
        return applyExpecting(MessageHeaderEncoder.ENCODED_LENGTH + draw.encodedLength(), 2035);
    }

    private static byte[][] codes(final String[] texts)
    {
        final byte[][] codes = new byte[texts.length][16];
        for (int i = 0; i < texts.length; i++)
        {
            for (int c = 0; c < texts[i].length(); c++)
            {
                codes[i][c] = (byte)texts[i].charAt(c);
            }
        }
        return codes;
    }

    private int applyExpecting(final int length, final int templateId)
    {
        engine.apply(++sequence, nowMs, command, 0, result, 0);
        if (headerDecoder.wrap(result, 0).templateId() != templateId)
        {
            throw new IllegalStateException("set-up refused: template " + headerDecoder.templateId() +
                " instead of " + templateId);
        }
        return length;
    }
}
