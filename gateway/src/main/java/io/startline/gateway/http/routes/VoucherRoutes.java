package io.startline.gateway.http.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.CampaignCreatedDecoder;
import io.startline.engine.codec.CampaignListDecoder;
import io.startline.engine.codec.CampaignRenamedDecoder;
import io.startline.engine.codec.CancelDropEncoder;
import io.startline.engine.codec.ClaimVoucherEncoder;
import io.startline.engine.codec.CreateCampaignEncoder;
import io.startline.engine.codec.CreateDropEncoder;
import io.startline.engine.codec.DropCancelledDecoder;
import io.startline.engine.codec.DropCreatedDecoder;
import io.startline.engine.codec.DropEditedDecoder;
import io.startline.engine.codec.EditDropEncoder;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.GetRedemptionEncoder;
import io.startline.engine.codec.GetUserVouchersEncoder;
import io.startline.engine.codec.ListCampaignsEncoder;
import io.startline.engine.codec.ListDropsEncoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RedeemVoucherEncoder;
import io.startline.engine.codec.RedemptionRefundedDecoder;
import io.startline.engine.codec.RedemptionViewDecoder;
import io.startline.engine.codec.RefundRedemptionEncoder;
import io.startline.engine.codec.RenameCampaignEncoder;
import io.startline.engine.codec.UserVouchersDecoder;
import io.startline.engine.codec.VoucherClaimedDecoder;
import io.startline.engine.codec.VoucherRedeemedDecoder;
import io.startline.engine.support.Ids;
import io.startline.engine.voucher.CampaignStats;
import io.startline.engine.voucher.DropList;
import io.startline.engine.voucher.VoucherCampaigns;
import io.startline.gateway.http.ApiException;
import io.startline.gateway.http.ApiRequest;
import io.startline.gateway.http.HttpApi;
import io.startline.gateway.http.Json;
import io.startline.gateway.http.JsonBody;
import io.startline.gateway.http.Reply;
import io.startline.gateway.http.Role;
import org.agrona.MutableDirectBuffer;

import java.util.List;
import java.util.Set;

/**
 * The voucher routes of API.md: campaigns, drops, claims, a participant's vouchers,
 * redemptions at a store, refunds, and the sponsor's statistics and settlement.
 */
public final class VoucherRoutes
{
    private static final Set<String> CAMPAIGN_FIELDS = Set.of("name", "budgetFen", "validDaysAfterClaim", "validUntil",
        "perUserLimit", "tiers", "storeIds");
    private static final Set<String> TIER_FIELDS = Set.of("code", "faceValueFen", "thresholdFen");
    private static final Set<String> DROP_FIELDS = Set.of("tierCode", "quantity", "startsAt", "endsAt", "perUserLimit");
    private static final Set<String> CLAIM_FIELDS = Set.of("dropId");
    /** What an edit may change: a campaign's name at any time, a drop's window before it opens. */
    private static final Set<String> CAMPAIGN_EDIT_FIELDS = Set.of("name");
    private static final Set<String> DROP_EDIT_FIELDS = Set.of("startsAt", "endsAt");
    /**
     * A campaign with the default maxStoresPerCampaign (4,096) store ids of 16 digits and the most
     * tiers in one request: each id with its comma, each tier's object, and room for the rest.
     */
    public static final int CAMPAIGN_MAX_BODY_BYTES = EngineContext.MAX_STORES_PER_CAMPAIGN_DEFAULT * 17 +
        EngineContext.MAX_TIERS_PER_CAMPAIGN_CEILING * 96 + 1024;
    private static final Set<String> REDEEM_FIELDS = Set.of("voucherCode", "orderAmountFen", "merchantTxnId");

    private VoucherRoutes()
    {
    }

    public static void register(final HttpApi api)
    {
        api.bulkRoute("POST", "/api/campaigns", Set.of(Role.ADMIN), CAMPAIGN_MAX_BODY_BYTES, VoucherRoutes::createCampaign)
            .route("GET", "/api/campaigns", Set.of(Role.ADMIN), false, VoucherRoutes::listCampaigns)
            .route("PATCH", "/api/campaigns/{campaignId}", Set.of(Role.ADMIN), true, VoucherRoutes::renameCampaign)
            .route("POST", "/api/campaigns/{campaignId}/drops", Set.of(Role.ADMIN), true, VoucherRoutes::createDrop)
            .route("GET", "/api/campaigns/{campaignId}/drops", Set.of(Role.ADMIN), false, VoucherRoutes::listDrops)
            .route("PATCH", "/api/campaigns/{campaignId}/drops/{dropId}", Set.of(Role.ADMIN), true,
                VoucherRoutes::editDrop)
            .route("POST", "/api/campaigns/{campaignId}/drops/{dropId}/cancel", Set.of(Role.ADMIN), false,
                VoucherRoutes::cancelDrop)
            .route("POST", "/api/campaigns/{campaignId}/claims", Set.of(Role.PARTICIPANT), true, VoucherRoutes::claim)
            .route("GET", "/api/vouchers/me", Set.of(Role.PARTICIPANT), false, VoucherRoutes::myVouchers)
            .route("POST", "/api/redemptions", Set.of(Role.MERCHANT), true, VoucherRoutes::redeem)
            .route("POST", "/api/redemptions/{redemptionId}/refund", Set.of(Role.MERCHANT), false, VoucherRoutes::refund)
            .route("GET", "/api/campaigns/{campaignId}/stats", Set.of(Role.ADMIN), false, VoucherRoutes::stats)
            .route("GET", "/api/campaigns/{campaignId}/settlement", Set.of(Role.ADMIN), false, VoucherRoutes::settlement);
    }

    private static void createCampaign(final ApiRequest request)
    {
        final JsonBody body = request.json().only(CAMPAIGN_FIELDS);
        final String name = body.string("name", VoucherCampaigns.NAME_MAX_BYTES);
        final long budgetFen = body.longValue("budgetFen", 1, VoucherCampaigns.BUDGET_MAX_FEN);
        final int validDays = body.intValue("validDaysAfterClaim", 1, VoucherCampaigns.VALID_DAYS_MAX);
        final long validUntil = body.longValue("validUntil", 0, Long.MAX_VALUE);
        final int perUserLimit = body.intValue("perUserLimit", 1, VoucherCampaigns.PER_USER_LIMIT_MAX);
        final List<JsonBody> tiers = body.objects("tiers", 1, EngineContext.MAX_TIERS_PER_CAMPAIGN_CEILING);
        final String[] codes = new String[tiers.size()];
        final long[] faces = new long[tiers.size()];
        final long[] thresholds = new long[tiers.size()];
        for (int i = 0; i < tiers.size(); i++)
        {
            final JsonBody tier = tiers.get(i).only(TIER_FIELDS);
            codes[i] = CodeFields.code(tier, "code");
            faces[i] = tier.longValue("faceValueFen", 1, VoucherCampaigns.BUDGET_MAX_FEN);
            thresholds[i] = tier.longValue("thresholdFen", 0, VoucherCampaigns.ORDER_AMOUNT_MAX_FEN);
        }
        final long[] stores = body.longs("storeIds", 1, EngineContext.MAX_STORES_PER_CAMPAIGN_CEILING, 1, Ids.EXTERNAL_ID_MAX);
        request.engine(buffer ->
        {
            final CreateCampaignEncoder e = new CreateCampaignEncoder().wrapAndApplyHeader(buffer, 0,
                new MessageHeaderEncoder()).budgetFen(budgetFen).validUntil(validUntil).validDaysAfterClaim(validDays)
                .perUserLimit(perUserLimit);
            final CreateCampaignEncoder.TiersEncoder tierRows = e.tiersCount(codes.length);
            for (int i = 0; i < codes.length; i++)
            {
                tierRows.next().code(codes[i]).faceValueFen(faces[i]).thresholdFen(thresholds[i]);
            }
            final CreateCampaignEncoder.StoresEncoder storeRows = e.storesCount(stores.length);
            for (final long store : stores)
            {
                storeRows.next().storeId(store);
            }
            e.name(name);
            return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }, (result, template) -> Reply.json(201, Json.object().put("campaignId", new CampaignCreatedDecoder()
            .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
            .campaignId())));
    }

    private static void createDrop(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        final JsonBody body = request.json().only(DROP_FIELDS);
        final String tierCode = CodeFields.code(body, "tierCode");
        final int quantity = body.intValue("quantity", 1, Integer.MAX_VALUE);
        final long startsAt = body.longValue("startsAt", 0, Long.MAX_VALUE);
        final long endsAt = body.longValue("endsAt", 0, Long.MAX_VALUE, CreateDropEncoder.endsAtNullValue());
        final int perUserLimit = body.intValue("perUserLimit", 1, VoucherCampaigns.PER_USER_LIMIT_MAX);
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CreateDropEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).tierCode(tierCode)
            .quantity(quantity).perUserLimit(perUserLimit).startsAt(startsAt).endsAt(endsAt).encodedLength(),
            (result, template) -> Reply.json(201, Json.object().put("dropId", new DropCreatedDecoder()
                .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
                .dropId())));
    }

    /** A new name, by the creation's rules, at any time. */
    private static void renameCampaign(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        final JsonBody body = EditBodies.editable(request.json(), CAMPAIGN_EDIT_FIELDS, CAMPAIGN_FIELDS, "campaign");
        final String name = body.string("name", VoucherCampaigns.NAME_MAX_BYTES);
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new RenameCampaignEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).name(name).encodedLength(),
            (result, template) -> Reply.json(200, Json.object().put("campaignId", new CampaignRenamedDecoder()
                .wrap(result, ApiRequest.bodyOffset(), ApiRequest.blockLength(result), ApiRequest.version(result))
                .campaignId()).put("name", name)));
    }

    /**
     * A drop's window before the drop opens, checked as a new drop's; a field left out keeps its value
     * (an end once set stays set). From the start on: {@code 409 NOT_EDITABLE}.
     */
    private static void editDrop(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        final long dropId = request.pathId("dropId", "DROP_NOT_FOUND");
        final JsonBody body = EditBodies.editable(request.json(), DROP_EDIT_FIELDS, DROP_FIELDS, "drop");
        final long startsAt = body.longValue("startsAt", 0, Long.MAX_VALUE, EditDropEncoder.startsAtNullValue());
        final long endsAt = body.longValue("endsAt", 0, Long.MAX_VALUE, EditDropEncoder.endsAtNullValue());
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new EditDropEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).dropId(dropId)
            .startsAt(startsAt).endsAt(endsAt).encodedLength(),
            (result, template) ->
            {
                final DropEditedDecoder d = new DropEditedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object().put("dropId", d.dropId()).put("startsAt", d.startsAt());
                if (d.endsAt() == DropEditedDecoder.endsAtNullValue())
                {
                    reply.putNull("endsAt");
                }
                else
                {
                    reply.put("endsAt", d.endsAt());
                }
                return Reply.json(200, reply);
            });
    }

    /** Cancels a drop before it opens: its reserved value returns to the budget left. */
    private static void cancelDrop(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        final long dropId = request.pathId("dropId", "DROP_NOT_FOUND");
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new CancelDropEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).dropId(dropId)
            .encodedLength(),
            (result, template) ->
            {
                final DropCancelledDecoder d = new DropCancelledDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(200, Json.object().put("dropId", d.dropId()).put("status", "CANCELLED")
                    .put("returnedFen", d.returnedFen()).put("budgetLeftFen", d.budgetLeftFen()));
            });
    }

    private static void claim(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        final long dropId = request.json().only(CLAIM_FIELDS).longValue("dropId", 1, Long.MAX_VALUE);
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ClaimVoucherEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).userId(userId).campaignId(campaignId)
            .dropId(dropId).encodedLength(),
            (result, template) ->
            {
                final VoucherClaimedDecoder d = new VoucherClaimedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(201, generator ->
                {
                    generator.writeStartObject();
                    generator.writeNumberField("voucherId", d.voucherId());
                    generator.writeStringField("voucherCode", CodeFields.issued(d.voucherCode()));
                    generator.writeNumberField("faceValueFen", d.faceValueFen());
                    generator.writeNumberField("thresholdFen", d.thresholdFen());
                    generator.writeNumberField("expiresAt", d.expiresAt());
                    generator.writeEndObject();
                });
            });
    }

    /** A page of campaigns in id order, with where the next page starts ({@code next}, null after the last). */
    private static void listCampaigns(final ApiRequest request)
    {
        final ApiRequest.Page page = request.page();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListCampaignsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).afterCampaignId(page.after())
            .maxRows(page.limit()).encodedLength(),
            (result, template) ->
            {
                final CampaignListDecoder d = new CampaignListDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final long next = d.nextAfterCampaignId();
                final ObjectNode reply = Json.object();
                final ArrayNode campaigns = reply.putArray("campaigns");
                for (final CampaignListDecoder.CampaignsDecoder c : d.campaigns())
                {
                    campaigns.addObject()
                        .put("campaignId", c.campaignId())
                        .put("budgetFen", c.budgetFen())
                        .put("budgetLeftFen", c.budgetLeftFen())
                        .put("validUntil", c.validUntil())
                        .put("drops", c.drops())
                        .put("name", c.name());
                }
                return Reply.json(200, ApiRequest.Page.withNext(reply, next));
            });
    }

    private static void myVouchers(final ApiRequest request)
    {
        final long userId = request.caller().userId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetUserVouchersEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).userId(userId).encodedLength(),
            (result, template) ->
            {
                final UserVouchersDecoder d = new UserVouchersDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                final ObjectNode reply = Json.object();
                final ArrayNode vouchers = reply.putArray("vouchers");
                for (final UserVouchersDecoder.VouchersDecoder v : d.vouchers())
                {
                    vouchers.addObject()
                        .put("voucherId", v.voucherId())
                        .put("voucherCode", CodeFields.issued(v.voucherCode()))
                        .put("campaignId", v.campaignId())
                        .put("dropId", v.dropId())
                        .put("tierCode", v.tierCode())
                        .put("faceValueFen", v.faceValueFen())
                        .put("thresholdFen", v.thresholdFen())
                        .put("status", v.status().name())
                        .put("expiresAt", v.expiresAt());
                }
                return Reply.json(200, reply);
            });
    }

    private static void redeem(final ApiRequest request)
    {
        final JsonBody body = request.json().only(REDEEM_FIELDS);
        final long voucherCode = CodeFields.issued(body, "voucherCode");
        final long orderAmountFen = body.longValue("orderAmountFen", 1, VoucherCampaigns.ORDER_AMOUNT_MAX_FEN);
        final String txnId = body.string("merchantTxnId", VoucherCampaigns.TXN_ID_MAX_LENGTH);
        final long storeId = request.caller().storeId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new RedeemVoucherEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).storeId(storeId).voucherCode(voucherCode)
            .orderAmountFen(orderAmountFen).merchantTxnId(txnId).encodedLength(),
            (result, template) ->
            {
                final VoucherRedeemedDecoder d = new VoucherRedeemedDecoder().wrap(result, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(result), ApiRequest.version(result));
                return Reply.json(201, Json.object()
                    .put("redemptionId", d.redemptionId())
                    .put("discountFen", d.discountFen())
                    .put("payableFen", d.payableFen()));
            });
    }

    /**
     * A refund asks the engine first whose redemption it is, so another store's attempt is a
     * 403 that journals nothing.
     */
    private static void refund(final ApiRequest request)
    {
        final long redemptionId = request.pathId("redemptionId", "REDEMPTION_NOT_FOUND");
        final long storeId = request.caller().storeId();
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetRedemptionEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).redemptionId(redemptionId).encodedLength(),
            (view, viewTemplate) ->
            {
                final long owner = new RedemptionViewDecoder().wrap(view, ApiRequest.bodyOffset(),
                    ApiRequest.blockLength(view), ApiRequest.version(view)).storeId();
                if (owner != storeId)
                {
                    throw ApiException.forbidden("redemption " + redemptionId + " was made at another store");
                }
                request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new RefundRedemptionEncoder()
                    .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).storeId(storeId)
                    .redemptionId(redemptionId).encodedLength(),
                    (result, template) -> Reply.json(200, Json.object()
                        .put("status", "REFUNDED")
                        .put("voucherRestored", new RedemptionRefundedDecoder().wrap(result, ApiRequest.bodyOffset(),
                            ApiRequest.blockLength(result), ApiRequest.version(result)).voucherRestored() ==
                            BooleanType.TRUE)));
                return null;
            });
    }

    /**
     * The campaign's drops with their terms, window, stock left and status now (CANCELLED, or else by this
     * gateway's clock), for a console's countdown.
     */
    private static void listDrops(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        request.engine(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListDropsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).encodedLength(),
            (result, template) ->
            {
                final long nowMs = System.currentTimeMillis();
                final ObjectNode reply = Json.object().put("campaignId", campaignId).put("nowMs", nowMs);
                final ArrayNode drops = reply.putArray("drops");
                for (final DropList.Row drop : DropList.decode(result, 0))
                {
                    drops.addObject()
                        .put("dropId", drop.dropId())
                        .put("tierCode", drop.tierCode())
                        .put("faceValueFen", drop.faceValueFen())
                        .put("quantity", drop.quantity())
                        .put("claimed", drop.claimed())
                        .put("stockLeft", drop.stockLeft())
                        .put("perUserLimit", drop.perUserLimit())
                        .put("startsAt", drop.startsAt())
                        .put("closesAt", drop.closesAt())
                        .put("status", drop.status(nowMs));
                }
                return Reply.json(200, reply);
            });
    }

    private static void stats(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        request.engine(buffer -> statsQuery(buffer, campaignId), (result, template) ->
        {
            final CampaignStats stats = CampaignStats.decode(result, 0);
            final ObjectNode reply = Json.object()
                .put("campaignId", stats.campaignId())
                .put("budgetFen", stats.budgetFen())
                .put("budgetLeftFen", stats.budgetLeftFen());
            counters(reply, stats.total());
            rows(reply.putArray("byDrop"), "dropId", stats.byDrop(), true);
            rows(reply.putArray("byTier"), "tierCode", stats.byTier(), false);
            rows(reply.putArray("byStore"), "storeId", stats.byStore(), true);
            return Reply.json(200, reply);
        });
    }

    private static void settlement(final ApiRequest request)
    {
        final long campaignId = request.pathId("campaignId", "CAMPAIGN_NOT_FOUND");
        request.csvOnly();
        request.engine(buffer -> statsQuery(buffer, campaignId), (result, template) ->
        {
            final StringBuilder csv = new StringBuilder("storeId,redemptions,orderAmountFen,subsidyFen\n");
            for (final CampaignStats.Settlement line : CampaignStats.decode(result, 0).settlement())
            {
                csv.append(line.storeId()).append(',').append(line.redemptions()).append(',')
                    .append(line.orderAmountFen()).append(',').append(line.subsidyFen()).append('\n');
            }
            return Reply.csv(csv.toString());
        });
    }

    private static int statsQuery(final MutableDirectBuffer buffer, final long campaignId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new GetCampaignStatsEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).encodedLength();
    }

    private static void counters(final ObjectNode node, final CampaignStats.Counters c)
    {
        node.put("issued", c.issued())
            .put("claimed", c.claimed())
            .put("redeemed", c.redeemed())
            .put("refunded", c.refunded())
            .put("expired", c.expired())
            .put("unclaimedReturned", c.unclaimedReturned())
            .put("recycledFen", c.recycledFen())
            .put("redemptionRate", c.redemptionRate())
            .put("subsidyPaidFen", c.subsidyPaidFen())
            .put("consumerSpendFen", c.consumerSpendFen())
            .put("leverage", c.leverage());
    }

    private static void rows(final ArrayNode array, final String keyName, final List<CampaignStats.Row> rows,
        final boolean numericKey)
    {
        for (final CampaignStats.Row row : rows)
        {
            final ObjectNode item = array.addObject();
            if (numericKey)
            {
                item.put(keyName, Long.parseLong(row.key()));
            }
            else
            {
                item.put(keyName, row.key());
            }
            counters(item, row.counters());
        }
    }
}
