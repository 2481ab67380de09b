package io.startline.gateway.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * 10,000 malformed requests spread over every POST route that takes a body, vouchers, races
 * and venues (see {@link MalformedBarrage} for the nine kinds of damage): every answer a 4xx
 * with the JSON error shape, never a 5xx; the node stays healthy and the journal holds none
 * of them. The seed is printed. (The waitlist's close and a refund take no body, so an empty
 * one is their valid request: they are not targets.)
 */
class MalformedInputTest
{
    private static final int REQUESTS = 10_000;

    @TempDir
    static Path dataDir;

    private static TestNode node;

    @BeforeAll
    static void start()
    {
        node = new TestNode(dataDir);
    }

    @AfterAll
    static void stop()
    {
        node.close();
    }

    private static final List<MalformedBarrage.Target> VOUCHER_TARGETS = List.of(
        new MalformedBarrage.Target("/api/campaigns", Role.ADMIN, "{\"name\":\"W\",\"budgetFen\":100000,\"validDaysAfterClaim\":7," +
            "\"validUntil\":1,\"perUserLimit\":1,\"tiers\":[{\"code\":\"T5\",\"faceValueFen\":500,\"thresholdFen\":1}]," +
            "\"storeIds\":[1]}"),
        new MalformedBarrage.Target("/api/campaigns/1/drops", Role.ADMIN, "{\"tierCode\":\"T5\",\"quantity\":1,\"startsAt\":0," +
            "\"perUserLimit\":1}"),
        new MalformedBarrage.Target("/api/campaigns/1/claims", Role.PARTICIPANT, "{\"dropId\":1}"),
        new MalformedBarrage.Target("/api/redemptions", Role.MERCHANT, "{\"voucherCode\":\"1\",\"orderAmountFen\":1," +
            "\"merchantTxnId\":\"t\"}"));

    private static final List<MalformedBarrage.Target> RACE_TARGETS = List.of(
        new MalformedBarrage.Target("/api/races", Role.ADMIN, "{\"name\":\"R\",\"raceDate\":\"2027-04-12\",\"mode\":\"LOTTERY\"," +
            "\"registrationOpensAt\":1000,\"registrationClosesAt\":2000,\"paymentWindowMs\":60000,\"maxGroupSize\":2," +
            "\"categories\":[{\"code\":\"FULL\",\"name\":\"Marathon\",\"capacity\":10,\"feeFen\":100,\"minAge\":18," +
            "\"maxAge\":80,\"bibFrom\":1,\"pools\":[{\"code\":\"ELITE\",\"places\":2,\"guaranteed\":true}]}]}"),
        new MalformedBarrage.Target("/api/races/1/entitlements", Role.ADMIN, "{\"weight\":2,\"pool\":\"ELITE\",\"personIds\":[\"" +
            RaceApiTest.nationalId(1) + "\"]}"),
        new MalformedBarrage.Target("/api/races/1/groups", Role.PARTICIPANT, "{\"categoryCode\":\"FULL\"}"),
        new MalformedBarrage.Target("/api/races/1/entries", Role.PARTICIPANT, RaceApiTest.entry("FULL", RaceApiTest.nationalId(2),
            "G0000000000000")),
        new MalformedBarrage.Target("/api/races/1/draw", Role.ADMIN, "{\"seed\":\"00ff\"}"),
        new MalformedBarrage.Target("/api/races/1/entries/1/payment", Role.ADMIN, "{\"paymentRef\":\"pay-1\"}"));

    /** The venue body leads with priceFen, so that its first number has no valid negative. */
    private static final List<MalformedBarrage.Target> VENUE_TARGETS = List.of(
        new MalformedBarrage.Target("/api/venues", Role.ADMIN, "{\"priceFen\":5000,\"name\":\"V\",\"utcOffsetMinutes\":480," +
            "\"resources\":[{\"code\":\"COURT-1\",\"name\":\"Court 1\"}],\"opensMinuteOfDay\":480," +
            "\"closesMinuteOfDay\":1320,\"slotMinutes\":60,\"releaseDaysAhead\":7,\"releaseMinuteOfDay\":480," +
            "\"maxSlotsPerUserPerDay\":2,\"holdTimeoutMs\":600000,\"cancelCutoffMs\":86400000," +
            "\"checkInEarlyMs\":900000,\"checkInLateMs\":900000,\"noShowStrikesForBan\":3,\"banDays\":30}"),
        new MalformedBarrage.Target("/api/venues/1/holds", Role.PARTICIPANT, "{\"startAt\":1800000000000,\"resourceCode\":\"COURT-1\"," +
            "\"slots\":1}"),
        new MalformedBarrage.Target("/api/holds/1/confirm", Role.ADMIN, "{\"paymentRef\":\"pay-1\"}"),
        new MalformedBarrage.Target("/api/venues/1/checkins", Role.GATE, "{\"checkInCode\":\"12345\"}"));

    @Test
    void tenThousandMalformedRequestsAtEveryPostRouteAreAll4xxWithTheErrorShapeAndNoneIsJournaled()
    {
        final List<MalformedBarrage.Target> targets = new java.util.ArrayList<>(VOUCHER_TARGETS);
        targets.addAll(RACE_TARGETS);
        targets.addAll(VENUE_TARGETS);
        MalformedBarrage.fire(node, targets, REQUESTS, "MalformedInputTest");
    }
}
