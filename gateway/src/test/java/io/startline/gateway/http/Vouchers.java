package io.startline.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

/** A campaign and a drop open now, and claims on it, for tests that need vouchers as traffic. */
final class Vouchers
{
    private Vouchers()
    {
    }

    static long createCampaign(final TestNode node, final String admin)
    {
        final TestNode.Response created = node.post("/api/campaigns", admin, """
            {"name":"Winter","budgetFen":100000000,"validDaysAfterClaim":7,"validUntil":%d,"perUserLimit":1,
             "tiers":[{"code":"T50","faceValueFen":5000,"thresholdFen":20000}],"storeIds":[101,102]}
            """.formatted(System.currentTimeMillis() + 30L * 86_400_000));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("campaignId").asLong();
    }

    static long openDrop(final TestNode node, final String admin, final long campaignId, final int quantity)
    {
        final TestNode.Response drop = node.post("/api/campaigns/" + campaignId + "/drops", admin,
            "{\"tierCode\":\"T50\",\"quantity\":" + quantity + ",\"startsAt\":" + System.currentTimeMillis() +
            ",\"perUserLimit\":1}");
        assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
        return drop.json().get("dropId").asLong();
    }

    static TestNode.Response claim(final TestNode node, final long campaignId, final long dropId, final long userId)
    {
        return node.post("/api/campaigns/" + campaignId + "/claims", node.token(Role.PARTICIPANT, userId),
            "{\"dropId\":" + dropId + "}");
    }
}
