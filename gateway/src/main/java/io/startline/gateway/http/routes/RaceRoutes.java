package io.startline.gateway.http.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.engine.codec.BallotDrawnDecoder;
import io.startline.engine.codec.BallotViewDecoder;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CloseWaitlistEncoder;
import io.startline.engine.codec.CreateGroupEncoder;
import io.startline.engine.codec.CreateRaceEncoder;
import io.startline.engine.codec.DrawBallotEncoder;
import io.startline.engine.codec.EditRaceEncoder;
import io.startline.engine.codec.EntitlementsGrantedDecoder;
import io.startline.engine.codec.EntryStatus;
import io.startline.engine.codec.EntrySubmittedDecoder;
import io.startline.engine.codec.EntryViewDecoder;
import io.startline.engine.codec.EntryWithdrawnDecoder;
import io.startline.engine.codec.Gender;
import io.startline.engine.codec.GetBallotEncoder;
import io.startline.engine.codec.GetOwnEntryEncoder;
import io.startline.engine.codec.GetRaceEncoder;
import io.startline.engine.codec.GetRaceResultsEncoder;
import io.startline.engine.codec.GrantEntitlementsEncoder;
import io.startline.engine.codec.GroupCreatedDecoder;
import io.startline.engine.codec.ListRacesEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.PaymentRecordedDecoder;
import io.startline.engine.codec.RaceCreatedDecoder;
import io.startline.engine.codec.RaceEditedDecoder;
import io.startline.engine.codec.RaceListDecoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.RaceResultsPageDecoder;
import io.startline.engine.codec.RaceViewDecoder;
import io.startline.engine.codec.RecordPaymentEncoder;
import io.startline.engine.codec.SubmitEntryEncoder;
import io.startline.engine.codec.WaitlistClosedDecoder;
import io.startline.engine.codec.WithdrawEntryEncoder;
import io.startline.engine.EngineContext;
import io.startline.engine.race.PersonKeys;
import io.startline.engine.race.Races;
import io.startline.engine.support.Ids;
import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.ApiRequest;
import io.startline.gateway.http.Encoder;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.JsonBody;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.Role;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The race and ballot routes of API.md: races, entitlements, groups, entries, the ballot and
 * its draw, payments, the waitlist's close and the results export; and, beyond API.md, the
 * committed entry list that docs/ballot-audit.md has organisers publish.
 * <p>
 * National ID numbers stop here: each becomes a person key (a keyed hash, see
 * {@link PersonKeys}) before the command is encoded, so no clear ID reaches the ring, the
 * journal or a log. Category names are validated but not kept: the engine's schema has no
 * field for them.
 */
public final class RaceRoutes
{
    private static final Set<String> RACE_FIELDS = Set.of("raceId", "name", "raceDate", "mode", "registrationOpensAt",
        "registrationClosesAt", "paymentWindowMs", "maxGroupSize", "categories");
    private static final Set<String> CATEGORY_FIELDS = Set.of("code", "name", "capacity", "feeFen", "minAge", "maxAge",
        "bibFrom", "pools");
    private static final Set<String> POOL_FIELDS = Set.of("code", "places", "guaranteed");
    /** What an edit may change: the name at any time, the dates before registration opens. */
    private static final Set<String> RACE_EDIT_FIELDS = Set.of("name", "raceDate", "registrationOpensAt",
        "registrationClosesAt", "paymentWindowMs");
    private static final Set<String> ENTITLEMENT_FIELDS = Set.of("personIds", "pool", "weight");
    private static final Set<String> GROUP_FIELDS = Set.of("categoryCode");
    private static final Set<String> ENTRY_FIELDS = Set.of("categoryCode", "personId", "name", "gender", "birthDate",
        "phone", "groupCode");
    private static final Set<String> DRAW_FIELDS = Set.of("seed");
    private static final Set<String> PAYMENT_FIELDS = Set.of("paymentRef");

    /*
     * Every bound below is the engine's (its constants, or the highest value EngineContext may be
     * configured to), so what it would refuse is a 400 before anything is journaled; RouteLimitsTest
     * holds them together. The two the engine never sees are the gateway's own: a category's name
     * (checked, not kept) and the national ID (a keyed hash by the time it reaches the engine).
     */
    private static final long EXTERNAL_ID_MAX = Ids.EXTERNAL_ID_MAX;
    private static final int RACE_NAME_MAX_BYTES = Races.RACE_NAME_MAX_BYTES;
    private static final int CATEGORY_NAME_MAX_BYTES = Races.RACE_NAME_MAX_BYTES;
    private static final int PERSON_NAME_MAX_BYTES = Races.PERSON_NAME_MAX_BYTES;
    private static final int NATIONAL_ID_MAX_CHARS = 64;
    private static final int PHONE_MIN_LENGTH = Races.PHONE_MIN_LENGTH;
    private static final int PHONE_MAX_LENGTH = Races.PHONE_MAX_LENGTH;
    private static final int PAYMENT_REF_MAX_LENGTH = Races.PAYMENT_REF_MAX_LENGTH;
    private static final int SEED_MAX_BYTES = Races.SEED_MAX_BYTES;
    private static final int MAX_CATEGORIES = EngineContext.MAX_CATEGORIES_PER_RACE_CEILING;
    private static final int MAX_POOLS = EngineContext.MAX_POOLS_PER_RACE_CEILING;
    private static final int MAX_PERSONS_PER_GRANT = EngineContext.MAX_PERSONS_PER_GRANT_CEILING;
    private static final int MAX_GROUP_SIZE = EngineContext.MAX_GROUP_SIZE_LIMIT_CEILING;
    private static final int MAX_WEIGHT = EngineContext.MAX_BALLOT_WEIGHT_CEILING;
    private static final int MAX_AGE = Races.AGE_MAX;
    private static final long MAX_PAYMENT_WINDOW_MS = Races.PAYMENT_WINDOW_MAX_MS;
    /**
     * A grant of the default maxPersonsPerGrant (10,000) IDs of the longest kind in one request:
     * each at most 64 characters, its quotes and a comma, and room for the rest of the body.
     */
    public static final int ENTITLEMENTS_MAX_BODY_BYTES =
        EngineContext.MAX_PERSONS_PER_GRANT_DEFAULT * (NATIONAL_ID_MAX_CHARS + 4) + 1024;
    private static final LocalDate FIRST_RACE_DATE = LocalDate.EPOCH;
    private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    private static final String RESULTS_HEADER = "entryId,categoryCode,groupCode,pool,weight,drawRank,status," +
        "waitlistPosition,bib\n";

    private final ThreadLocal<PersonKeys> personKeys;

    private RaceRoutes(final byte[] personKeySecret)
    {
        if (personKeySecret.length < PersonKeys.SECRET_MIN_BYTES)
        {
            throw new IllegalArgumentException("the person-key secret needs at least " + PersonKeys.SECRET_MIN_BYTES +
                " bytes");
        }
        final byte[] secret = personKeySecret.clone();
        personKeys = ThreadLocal.withInitial(() -> new PersonKeys(secret));
    }

    /**
     * @param personKeySecret keys the person keys national ID numbers become: at least 32 bytes,
     *                        the same for the life of the data directory.
     */
    public static void register(final HttpApi api, final byte[] personKeySecret)
    {
        final RaceRoutes routes = new RaceRoutes(personKeySecret);
        final Set<Role> admin = Set.of(Role.ADMIN);
        final Set<Role> participant = Set.of(Role.PARTICIPANT);
        api.route("POST", "/api/races", admin, true, RaceRoutes::createRace)
            .route("PATCH", "/api/races/{raceId}", admin, true, RaceRoutes::editRace)
            .route("GET", "/api/races", Set.of(), false, RaceRoutes::listRaces)
            .bulkRoute("POST", "/api/races/{raceId}/entitlements", admin, ENTITLEMENTS_MAX_BODY_BYTES, routes::grant)
            .route("POST", "/api/races/{raceId}/groups", participant, true, RaceRoutes::createGroup)
            .route("POST", "/api/races/{raceId}/entries", participant, true, routes::submit)
            .route("GET", "/api/races/{raceId}/entries/me", participant, false, RaceRoutes::ownEntry)
            .route("DELETE", "/api/races/{raceId}/entries/me", participant, false, RaceRoutes::withdraw)
            .route("GET", "/api/races/{raceId}/ballot", Set.of(), false, RaceRoutes::ballot)
            .route("POST", "/api/races/{raceId}/draw", admin, true, RaceRoutes::draw)
            .route("POST", "/api/races/{raceId}/entries/{entryId}/payment", admin, true, RaceRoutes::pay)
            .route("GET", "/api/races/{raceId}", Set.of(), false, RaceRoutes::race)
            .route("POST", "/api/races/{raceId}/waitlist/close", admin, false, RaceRoutes::closeWaitlist)
            .route("GET", "/api/races/{raceId}/results", admin, false, RaceRoutes::results)
            .route("GET", "/api/races/{raceId}/entry-list", admin, false, RaceRoutes::entryList);
    }

    /** A page of races in the order they were created (ids may be a race's own, so the page says where the next starts). */
    private static void listRaces(final ApiRequest request)
    {
        final ApiRequest.Page page = request.page();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListRacesEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).afterPosition(page.after())
            .maxRows(page.limit()).encodedLength(),
            (result, template) ->
            {
                final RaceListDecoder d = new RaceListDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final long next = d.nextAfterPosition();
                final ObjectNode reply = Json.object();
                final ArrayNode races = reply.putArray("races");
                for (final RaceListDecoder.RacesDecoder r : d.races())
                {
                    races.addObject()
                        .put("raceId", r.raceId())
                        .put("raceDate", LocalDate.ofEpochDay(r.raceDateEpochDay()).toString())
                        .put("mode", r.mode().name())
                        .put("registrationOpensAt", r.registrationOpensAt())
                        .put("registrationClosesAt", r.registrationClosesAt())
                        .put("drawn", r.drawn() == BooleanType.TRUE)
                        .put("name", r.name());
                }
                return Reply.json(200, ApiRequest.Page.withNext(reply, next));
            });
    }

    private static void createRace(final ApiRequest request)
    {
        final JsonBody body = request.json().only(RACE_FIELDS);
        final long requestedRaceId = body.longValue("raceId", 1, EXTERNAL_ID_MAX, 0);
        final String name = body.displayText("name", RACE_NAME_MAX_BYTES);
        final int raceDay = (int)date(body, "raceDate", FIRST_RACE_DATE).toEpochDay();
        final RaceMode mode = RaceMode.valueOf(body.oneOf("mode", "LOTTERY", "FIRST_COME"));
        final long opensAt = body.longValue("registrationOpensAt", 0, Long.MAX_VALUE);
        final long closesAt = body.longValue("registrationClosesAt", 1, Long.MAX_VALUE);
        if (closesAt <= opensAt)
        {
            throw ApiException.badRequest("registrationClosesAt",
                "registrationClosesAt must be after registrationOpensAt");
        }
        final long paymentWindowMs = body.longValue("paymentWindowMs", 1, MAX_PAYMENT_WINDOW_MS);
        final int maxGroupSize = body.intValue("maxGroupSize", 1, MAX_GROUP_SIZE);
        final List<JsonBody> categories = body.objects("categories", 1, MAX_CATEGORIES);
        final Category[] rows = new Category[categories.size()];
        for (int i = 0; i < rows.length; i++)
        {
            rows[i] = category(categories.get(i).only(CATEGORY_FIELDS));
        }
        request.engine(buffer ->
        {
            final CreateRaceEncoder e = new CreateRaceEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).requestedRaceId(requestedRaceId)
                .raceDateEpochDay(raceDay).mode(mode).registrationOpensAt(opensAt).registrationClosesAt(closesAt)
                .paymentWindowMs(paymentWindowMs).maxGroupSize(maxGroupSize);
            final CreateRaceEncoder.CategoriesEncoder categoryRows = e.categoriesCount(rows.length);
            for (final Category c : rows)
            {
                categoryRows.next().code(c.code()).capacity(c.capacity()).feeFen(c.feeFen()).minAge(c.minAge())
                    .maxAge(c.maxAge()).bibFrom(c.bibFrom());
                final CreateRaceEncoder.CategoriesEncoder.PoolsEncoder poolRows =
                    categoryRows.poolsCount(c.pools().length);
                for (final Pool p : c.pools())
                {
                    poolRows.next().code(p.code()).places(p.places())
                        .guaranteed(p.guaranteed() ? BooleanType.TRUE : BooleanType.FALSE);
                }
            }
            e.name(name);
            return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }, (result, template) -> Reply.json(201, Json.object().put("raceId", new RaceCreatedDecoder()
            .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
            .raceId())));
    }

    /**
     * The name at any time; the race date, the registration window and the payment window before
     * registration opens ({@code 409 NOT_EDITABLE} from then on), checked as a new race's are. A
     * field left out keeps its value; mode, group size and categories are never edited.
     */
    private static void editRace(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final JsonBody body = EditBodies.editable(request.json(), RACE_EDIT_FIELDS, RACE_FIELDS, "race");
        final String name = body.has("name") ? body.displayText("name", RACE_NAME_MAX_BYTES) : "";
        final int raceDay = body.has("raceDate") ? (int)date(body, "raceDate", FIRST_RACE_DATE).toEpochDay() :
            EditRaceEncoder.raceDateEpochDayNullValue();
        final long opensAt = body.longValue("registrationOpensAt", 0, Long.MAX_VALUE,
            EditRaceEncoder.registrationOpensAtNullValue());
        final long closesAt = body.longValue("registrationClosesAt", 1, Long.MAX_VALUE,
            EditRaceEncoder.registrationClosesAtNullValue());
        if (body.has("registrationOpensAt") && body.has("registrationClosesAt") && closesAt <= opensAt)
        {
            throw ApiException.badRequest("registrationClosesAt",
                "registrationClosesAt must be after registrationOpensAt");
        }
        final long paymentWindowMs = body.longValue("paymentWindowMs", 1, MAX_PAYMENT_WINDOW_MS,
            EditRaceEncoder.paymentWindowMsNullValue());
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new EditRaceEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).raceDateEpochDay(raceDay)
            .registrationOpensAt(opensAt).registrationClosesAt(closesAt).paymentWindowMs(paymentWindowMs).name(name)
            .encodedLength(),
            (result, template) ->
            {
                final RaceEditedDecoder d = new RaceEditedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object()
                    .put("raceId", d.raceId())
                    .put("raceDate", LocalDate.ofEpochDay(d.raceDateEpochDay()).toString())
                    .put("registrationOpensAt", d.registrationOpensAt())
                    .put("registrationClosesAt", d.registrationClosesAt())
                    .put("paymentWindowMs", d.paymentWindowMs())
                    .put("name", d.name()));
            });
    }

    /** One category of a new race; its {@code name} is checked and then dropped, as the engine keeps none. */
    private static Category category(final JsonBody body)
    {
        final String code = CodeFields.code(body, "code");
        if (body.has("name"))
        {
            body.displayText("name", CATEGORY_NAME_MAX_BYTES);
        }
        final int capacity = body.intValue("capacity", 1, Integer.MAX_VALUE);
        final long feeFen = body.longValue("feeFen", 0, Long.MAX_VALUE);
        final int minAge = body.intValue("minAge", 0, MAX_AGE, 0);
        final int maxAge = body.intValue("maxAge", 0, MAX_AGE, MAX_AGE);
        if (maxAge < minAge)
        {
            throw ApiException.badRequest(body.pathOf("maxAge"), body.pathOf("maxAge") + " must not be below minAge");
        }
        final int bibFrom = body.intValue("bibFrom", 1, Integer.MAX_VALUE, 1);
        final List<JsonBody> pools = body.has("pools") ? body.objects("pools", 0, MAX_POOLS) : List.of();
        final Pool[] rows = new Pool[pools.size()];
        for (int i = 0; i < rows.length; i++)
        {
            final JsonBody pool = pools.get(i).only(POOL_FIELDS);
            rows[i] = new Pool(CodeFields.code(pool, "code"), pool.intValue("places", 1, Integer.MAX_VALUE),
                pool.booleanValue("guaranteed", false));
        }
        return new Category(code, capacity, feeFen, minAge, maxAge, bibFrom, rows);
    }

    private void grant(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final JsonBody body = request.json().only(ENTITLEMENT_FIELDS);
        final String pool = body.has("pool") ? CodeFields.code(body, "pool") : "";
        final int weight = body.intValue("weight", 1, MAX_WEIGHT, 0);
        if (pool.isEmpty() && weight == 0)
        {
            throw ApiException.badRequest("pool", "pool or weight is required");
        }
        final List<String> ids = body.strings("personIds", 1, MAX_PERSONS_PER_GRANT, NATIONAL_ID_MAX_CHARS);
        final long[] keys = new long[2 * ids.size()];
        final long[] key = new long[2];
        for (int i = 0; i < ids.size(); i++)
        {
            personKey(ids.get(i), "personIds[" + i + "]", key);
            keys[2 * i] = key[0];
            keys[2 * i + 1] = key[1];
        }
        request.engine(buffer ->
        {
            final GrantEntitlementsEncoder e = new GrantEntitlementsEncoder().wrapAndApplyHeader(buffer, 0,
                new MessageHeaderEncoder()).raceId(raceId).poolCode(pool).weight(weight);
            final GrantEntitlementsEncoder.PersonsEncoder persons = e.personsCount(ids.size());
            for (int i = 0; i < keys.length; i += 2)
            {
                persons.next().personKey0(keys[i]).personKey1(keys[i + 1]);
            }
            return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }, (result, template) ->
        {
            final EntitlementsGrantedDecoder d = new EntitlementsGrantedDecoder().wrap(result, ApiRequest.bodyOffset(),
                ApiRequest.blockLength(result), ApiRequest.version(result));
            return Reply.json(200, Json.object().put("raceId", d.raceId()).put("persons", d.persons()));
        });
    }

    private static void createGroup(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final String categoryCode = CodeFields.code(request.json().only(GROUP_FIELDS), "categoryCode");
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CreateGroupEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).userId(userId)
            .categoryCode(categoryCode).encodedLength(),
            (result, template) -> Reply.json(201, Json.object().put("groupCode", new GroupCreatedDecoder()
                .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
                .groupCode())));
    }

    private void submit(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final JsonBody body = request.json().only(ENTRY_FIELDS);
        final String categoryCode = CodeFields.code(body, "categoryCode");
        final long[] key = new long[2];
        personKey(body.string("personId", NATIONAL_ID_MAX_CHARS), "personId", key);
        final String name = body.displayText("name", PERSON_NAME_MAX_BYTES);
        final Gender gender = Gender.valueOf(body.oneOf("gender", "F", "M"));
        final int birthDay = (int)date(body, "birthDate", FIRST_BIRTH_DATE).toEpochDay();
        final String phone = phone(body);
        final String groupCode = body.has("groupCode") ? CodeFields.code(body, "groupCode") : "";
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new SubmitEntryEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).userId(userId)
            .categoryCode(categoryCode).groupCode(groupCode).personKey0(key[0]).personKey1(key[1]).gender(gender)
            .birthEpochDay(birthDay).name(name).phone(phone).encodedLength(),
            (result, template) ->
            {
                final EntrySubmittedDecoder d = new EntrySubmittedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object().put("entryId", d.entryId()).put("status", d.status().name());
                if (d.paymentDueAt() != EntrySubmittedDecoder.paymentDueAtNullValue())
                {
                    reply.put("paymentDueAt", d.paymentDueAt());
                }
                if (d.waitlistPosition() != 0)
                {
                    reply.put("waitlistPosition", d.waitlistPosition());
                }
                return Reply.json(201, reply);
            });
    }

    /** The caller's own entry: the engine finds it by the token's user, so no one reads another's. */
    private static void ownEntry(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetOwnEntryEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).userId(userId).encodedLength(),
            (result, template) ->
            {
                final EntryViewDecoder d = new EntryViewDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object()
                    .put("entryId", d.entryId())
                    .put("categoryCode", d.categoryCode())
                    .put("status", d.status().name())
                    .put("pool", orNull(d.pool()));
                if (d.paymentDueAt() != EntryViewDecoder.paymentDueAtNullValue())
                {
                    reply.put("paymentDueAt", d.paymentDueAt());
                }
                if (d.waitlistPosition() != 0)
                {
                    reply.put("waitlistPosition", d.waitlistPosition());
                }
                if (d.bib() != 0)
                {
                    reply.put("bib", d.bib());
                }
                if (d.drawRank() != 0)
                {
                    reply.put("drawRank", d.drawRank());
                }
                return Reply.json(200, reply);
            });
    }

    private static void withdraw(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new WithdrawEntryEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).userId(userId).encodedLength(),
            (result, template) ->
            {
                final EntryWithdrawnDecoder d = new EntryWithdrawnDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object()
                    .put("entryId", d.entryId())
                    .put("status", EntryStatus.WITHDRAWN.name())
                    .put("promotedEntries", d.promotedEntries()));
            });
    }

    /**
     * The ballot's commitment. {@code entries} counts the entries standing while registration is
     * open and the frozen list once it closes; the hash is null until the close and the seed until
     * the draw.
     */
    private static void ballot(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        request.engine(ballotQuery(raceId), (result, template) ->
            {
                final BallotViewDecoder d = new BallotViewDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final boolean closed = d.closed() == BooleanType.TRUE;
                final byte[] hash = new byte[BallotViewDecoder.entryListHashLength()];
                d.getEntryListHash(hash, 0, hash.length);
                final byte[] seed = new byte[d.seedLength()];
                d.getSeed(seed, 0, seed.length);
                return Reply.json(200, Json.object()
                    .put("raceId", d.raceId())
                    .put("closed", closed)
                    .put("drawn", d.drawn() == BooleanType.TRUE)
                    .put("entries", d.entries())
                    .put("entryListHash", closed ? HexFormat.of().formatHex(hash) : null)
                    .put("seed", seed.length == 0 ? null : HexFormat.of().formatHex(seed)));
            });
    }

    private static void draw(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final String hex = request.json().only(DRAW_FIELDS).string("seed", 2 * SEED_MAX_BYTES);
        final byte[] seed;
        try
        {
            seed = HexFormat.of().parseHex(hex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("seed", "seed must be hex digits, two per byte");
        }
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new DrawBallotEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).putSeed(seed, 0, seed.length)
            .encodedLength(),
            (result, template) ->
            {
                final BallotDrawnDecoder d = new BallotDrawnDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final byte[] hash = new byte[BallotDrawnDecoder.entryListHashLength()];
                d.getEntryListHash(hash, 0, hash.length);
                return Reply.json(200, Json.object()
                    .put("raceId", d.raceId())
                    .put("winners", d.winners())
                    .put("waitlisted", d.waitlisted())
                    .put("entryListHash", HexFormat.of().formatHex(hash))
                    .put("seed", HexFormat.of().formatHex(seed)));
            });
    }

    private static void pay(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        final long entryId = request.pathId("entryId", "ENTRY_NOT_FOUND");
        final JsonBody body = request.json().only(PAYMENT_FIELDS);
        final String paymentRef = body.asciiText("paymentRef", PAYMENT_REF_MAX_LENGTH);
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new RecordPaymentEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).entryId(entryId)
            .paymentRef(paymentRef).encodedLength(),
            (result, template) ->
            {
                final PaymentRecordedDecoder d = new PaymentRecordedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object()
                    .put("entryId", d.entryId())
                    .put("status", EntryStatus.CONFIRMED.name())
                    .put("bib", d.bib())
                    .put("replayed", d.replayed() == BooleanType.TRUE));
            });
    }

    private static void race(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetRaceEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).encodedLength(),
            (result, template) ->
            {
                final RaceViewDecoder d = new RaceViewDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object()
                    .put("raceId", d.raceId())
                    .put("raceDate", LocalDate.ofEpochDay(d.raceDateEpochDay()).toString())
                    .put("mode", d.mode().name())
                    .put("registrationOpensAt", d.registrationOpensAt())
                    .put("registrationClosesAt", d.registrationClosesAt())
                    .put("paymentWindowMs", d.paymentWindowMs())
                    .put("maxGroupSize", d.maxGroupSize())
                    .put("closed", d.closed() == BooleanType.TRUE)
                    .put("drawn", d.drawn() == BooleanType.TRUE)
                    .put("waitlistClosed", d.waitlistClosed() == BooleanType.TRUE);
                final ArrayNode categories = reply.putArray("categories");
                for (final RaceViewDecoder.CategoriesDecoder c : d.categories())
                {
                    final ObjectNode category = categories.addObject()
                        .put("code", c.code())
                        .put("capacity", c.capacity())
                        .put("feeFen", c.feeFen())
                        .put("minAge", c.minAge())
                        .put("maxAge", c.maxAge())
                        .put("bibFrom", c.bibFrom());
                    category.putObject("counts")
                        .put(EntryStatus.APPLIED.name(), c.applied())
                        .put(EntryStatus.WON.name(), c.won())
                        .put(EntryStatus.CONFIRMED.name(), c.confirmed())
                        .put(EntryStatus.WAITLISTED.name(), c.waitlisted())
                        .put(EntryStatus.LAPSED.name(), c.lapsed())
                        .put(EntryStatus.WITHDRAWN.name(), c.withdrawn())
                        .put(EntryStatus.NOT_SELECTED.name(), c.notSelected());
                    final ArrayNode pools = category.putArray("pools");
                    for (final RaceViewDecoder.CategoriesDecoder.PoolsDecoder p : c.pools())
                    {
                        pools.addObject()
                            .put("code", p.code())
                            .put("places", p.places())
                            .put("guaranteed", p.guaranteed() == BooleanType.TRUE);
                    }
                }
                // The name is variable-length data after the groups: it can only be read last.
                reply.put("name", d.name());
                return Reply.json(200, reply);
            });
    }

    private static void closeWaitlist(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CloseWaitlistEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).encodedLength(),
            (result, template) ->
            {
                final WaitlistClosedDecoder d = new WaitlistClosedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object().put("raceId", d.raceId()).put("notSelected", d.notSelected()));
            });
    }

    /** The results export: one row per entry, fields not set yet empty. */
    private static void results(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        request.csvOnly();
        exportPages(request, raceId, 0, new StringBuilder(RESULTS_HEADER), RaceRoutes::appendResults);
    }

    /**
     * The committed entry list as BALLOT.md hashes it, byte for byte (no header): what an
     * auditor hashes against {@code entryListHash} and hands the verifier. It exists only once
     * registration has closed.
     */
    private static void entryList(final ApiRequest request)
    {
        final long raceId = request.pathId("raceId", "RACE_NOT_FOUND");
        request.csvOnly();
        request.engine(ballotQuery(raceId), (ballot, ballotTemplate) ->
        {
            final BallotViewDecoder d = new BallotViewDecoder().wrap(ballot, ApiRequest.bodyOffset(),
                ApiRequest.blockLength(ballot), ApiRequest.version(ballot));
            if (d.closed() != BooleanType.TRUE)
            {
                throw new ApiException(409, "REGISTRATION_OPEN", "race " + raceId +
                    " is open: its entry list is fixed when registration closes", null);
            }
            exportPages(request, raceId, 0, new StringBuilder(), RaceRoutes::appendListed);
            return null;
        });
    }

    /** Reads the export one engine page after another (each page is a query: nothing is journaled). */
    private static void exportPages(final ApiRequest request, final long raceId, final long afterEntryId,
        final StringBuilder csv, final BiConsumer<RaceResultsPageDecoder, StringBuilder> rows)
    {
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetRaceResultsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).afterEntryId(afterEntryId)
            .encodedLength(),
            (result, template) ->
            {
                final RaceResultsPageDecoder d = new RaceResultsPageDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                rows.accept(d, csv);
                if (d.more() == BooleanType.TRUE)
                {
                    exportPages(request, raceId, d.lastEntryId(), csv, rows);
                    return null;
                }
                return Reply.csv(csv.toString());
            });
    }

    private static void appendResults(final RaceResultsPageDecoder page, final StringBuilder csv)
    {
        final RaceResultsPageDecoder.PoolCodesDecoder poolCodes = page.poolCodes();
        while (poolCodes.hasNext())
        {
            // The export names the pool that chose an entry, not its entitlements: skip to the rows.
            poolCodes.next();
        }
        for (final RaceResultsPageDecoder.RowsDecoder row : page.rows())
        {
            csv.append(row.entryId()).append(',')
                .append(row.categoryCode()).append(',')
                .append(row.groupCode()).append(',')
                .append(row.pool()).append(',')
                .append(row.weight()).append(',');
            appendIfSet(csv, row.drawRank()).append(',')
                .append(row.status().name()).append(',');
            appendIfSet(csv, row.waitlistPosition()).append(',');
            appendIfSet(csv, row.bib()).append('\n');
        }
    }

    /** {@code entryId,categoryCode,groupUnitId,pools,weight}: pools sorted, joined by a space. */
    private static void appendListed(final RaceResultsPageDecoder page, final StringBuilder csv)
    {
        final List<String> poolCodes = new ArrayList<>();
        for (final RaceResultsPageDecoder.PoolCodesDecoder code : page.poolCodes())
        {
            poolCodes.add(code.code());
        }
        final List<String> pools = new ArrayList<>();
        for (final RaceResultsPageDecoder.RowsDecoder row : page.rows())
        {
            if (row.inEntryList() != BooleanType.TRUE)
            {
                continue;
            }
            pools.clear();
            for (int bit = 0; bit < poolCodes.size(); bit++)
            {
                if ((row.entitledPools() & (1L << bit)) != 0)
                {
                    pools.add(poolCodes.get(bit));
                }
            }
            pools.sort(null);
            csv.append(row.entryId()).append(',')
                .append(row.categoryCode()).append(',')
                .append(row.unitId()).append(',')
                .append(String.join(" ", pools)).append(',')
                .append(row.weight()).append('\n');
        }
    }

    private static StringBuilder appendIfSet(final StringBuilder csv, final int value)
    {
        return value == 0 ? csv : csv.append(value);
    }

    private static Encoder ballotQuery(final long raceId)
    {
        return buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetBallotEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).raceId(raceId).encodedLength();
    }

    private void personKey(final String nationalId, final String field, final long[] into)
    {
        try
        {
            personKeys.get().keyOf(nationalId, into);
        }
        catch (final IllegalArgumentException ex)
        {
            // The message never repeats the number: it is personal data.
            throw ApiException.badRequest(field, field + " is not a valid national ID number");
        }
    }

    private static LocalDate date(final JsonBody body, final String field, final LocalDate first)
    {
        final LocalDate value = body.date(field);
        if (value.isBefore(first) || value.isAfter(LAST_DATE))
        {
            throw ApiException.badRequest(field, field + " must be from " + first + " to " + LAST_DATE);
        }
        return value;
    }

    private static String phone(final JsonBody body)
    {
        final String value = body.string("phone", PHONE_MAX_LENGTH);
        boolean valid = value.length() >= PHONE_MIN_LENGTH;
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            valid &= c >= '0' && c <= '9' || c == '+' && i == 0;
        }
        if (!valid)
        {
            throw ApiException.badRequest("phone", "phone must be " + PHONE_MIN_LENGTH + " to " + PHONE_MAX_LENGTH +
                " digits, optionally after one leading '+'");
        }
        return value;
    }

    private static String orNull(final String code)
    {
        return code.isEmpty() ? null : code;
    }

    private record Pool(String code, int places, boolean guaranteed)
    {
    }

    private record Category(String code, int capacity, long feeFen, int minAge, int maxAge, int bibFrom, Pool[] pools)
    {
    }
}
