package io.startline.gateway.node;

import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.gateway.http.Role;
import io.startline.gateway.pipeline.Pipeline;
import io.startline.gateway.pipeline.SubmitStatus;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Demo mode's sample data, created once on an empty data directory: a voucher campaign with
 * a drop open now and one opening in an hour. Then the tokens and example calls to try it.
 */
final class DemoData
{
    static final long STORE_ID = 101;
    static final long VENUE_ID = 1;

    /** What the demo created, or found already there. */
    record Created(long campaignId, long openDropId, boolean fresh)
    {
    }

    private DemoData()
    {
    }

    static Created createIfEmpty(final Pipeline pipeline)
    {
        if (pipeline.startSequence() > 0)
        {
            return new Created(1, 1, false);
        }
        final long now = System.currentTimeMillis();
        final UnsafeBuffer result = call(pipeline, buffer ->
        {
            final CreateCampaignEncoder e = new CreateCampaignEncoder().wrapAndApplyHeader(buffer, 0,
                new MessageHeaderEncoder()).budgetFen(10_000_000).validUntil(now + TimeUnit.DAYS.toMillis(90))
                .validDaysAfterClaim(30).perUserLimit(2);
            final CreateCampaignEncoder.TiersEncoder tiers = e.tiersCount(2);
            tiers.next().code("T50").faceValueFen(5_000).thresholdFen(20_000);
            tiers.next().code("T20").faceValueFen(2_000).thresholdFen(10_000);
            final CreateCampaignEncoder.StoresEncoder stores = e.storesCount(2);
            stores.next().storeId(STORE_ID);
            stores.next().storeId(STORE_ID + 1);
            e.name("City sports voucher, winter");
            return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        });
        final long campaignId = new CampaignCreatedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            CampaignCreatedDecoder.BLOCK_LENGTH, CampaignCreatedDecoder.SCHEMA_VERSION).campaignId();
        final long openDrop = drop(pipeline, campaignId, "T50", 500, now);
        drop(pipeline, campaignId, "T20", 1_000, now + TimeUnit.HOURS.toMillis(1));
        return new Created(campaignId, openDrop, true);
    }

    static void printWelcome(final StartlineNode node, final Created created, final String secret,
        final boolean generatedSecret)
    {
        final Instant expires = Instant.now().plus(Duration.ofDays(1));
        final String admin = node.tokens().mint(Role.ADMIN, 1, 0, 0, expires);
        final String participant = node.tokens().mint(Role.PARTICIPANT, 1001, 0, 0, expires);
        final String merchant = node.tokens().mint(Role.MERCHANT, 2001, STORE_ID, 0, expires);
        final String gate = node.tokens().mint(Role.GATE, 3001, 0, VENUE_ID, expires);
        final String base = "http://localhost:" + node.port();
        System.out.println();
        System.out.println("Startline demo node on " + base + (created.fresh() ? " with fresh sample data" :
            " (the data directory already held data; none added)"));
        if (generatedSecret)
        {
            System.out.println("JWT secret (generated for this run): " + secret);
        }
        System.out.println();
        System.out.println("ADMIN_TOKEN=" + admin);
        System.out.println("PARTICIPANT_TOKEN=" + participant + "   # user 1001");
        System.out.println("MERCHANT_TOKEN=" + merchant + "   # store " + STORE_ID);
        System.out.println("GATE_TOKEN=" + gate + "   # venue " + VENUE_ID);
        System.out.println();
        System.out.println("Try (paste the four lines above first):");
        System.out.println("  curl -s " + base + "/health");
        System.out.println("  curl -s -X POST " + base + "/api/campaigns/" + created.campaignId() + "/claims " +
            "-H \"Authorization: Bearer $PARTICIPANT_TOKEN\" -H 'Content-Type: application/json' -d '{\"dropId\":" +
            created.openDropId() + "}'");
        System.out.println("  curl -s " + base + "/api/vouchers/me -H \"Authorization: Bearer $PARTICIPANT_TOKEN\"");
        System.out.println("  curl -s -X POST " + base + "/api/redemptions -H \"Authorization: Bearer $MERCHANT_TOKEN\" " +
            "-H 'Content-Type: application/json' " +
            "-d '{\"voucherCode\":\"<voucherCode from the claim>\",\"orderAmountFen\":25000,\"merchantTxnId\":\"t-1\"}'");
        System.out.println("  curl -s " + base + "/api/campaigns/" + created.campaignId() + "/stats " +
            "-H \"Authorization: Bearer $ADMIN_TOKEN\"");
        System.out.println("  curl -s " + base + "/metrics");
        System.out.println();
        System.out.println("Stop with Ctrl-C: the node drains its ring and closes the journal.");
    }

    private static long drop(final Pipeline pipeline, final long campaignId, final String tier, final int quantity,
        final long startsAt)
    {
        final UnsafeBuffer result = call(pipeline, buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CreateDropEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).tierCode(tier)
            .quantity(quantity).perUserLimit(1).startsAt(startsAt).endsAt(CreateDropEncoder.endsAtNullValue())
            .encodedLength());
        return new DropCreatedDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, DropCreatedDecoder.BLOCK_LENGTH,
            DropCreatedDecoder.SCHEMA_VERSION).dropId();
    }

    private static UnsafeBuffer call(final Pipeline pipeline, final ToIntFunction<UnsafeBuffer> encode)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[4096]);
        final int length = encode.applyAsInt(command);
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        final SubmitStatus status = pipeline.submit(command, 0, length, (sequence, timestampMs, result, offset, size) ->
        {
            final byte[] copy = new byte[size];
            result.getBytes(offset, copy);
            answer.complete(copy);
        });
        if (status != SubmitStatus.ACCEPTED)
        {
            throw new IllegalStateException("demo data was not accepted: " + status);
        }
        final UnsafeBuffer result = new UnsafeBuffer(answer.join());
        if (new MessageHeaderDecoder().wrap(result, 0).templateId() != CampaignCreatedDecoder.TEMPLATE_ID &&
            new MessageHeaderDecoder().wrap(result, 0).templateId() != DropCreatedDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("the engine refused the demo data");
        }
        return result;
    }
}
