package io.startline.engine;

import io.startline.engine.race.Races;
import io.startline.engine.voucher.VoucherCampaigns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of limits says what the code says: each row's default and highest
 * configurable value are EngineContext's, and the fixed bounds are the domains' constants. A limit
 * changed in one place and not the other fails here.
 */
class ReadmeLimitsTest
{
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmesLimitsAreTheEngines() throws IOException
    {
        final Map<String, List<String>> table = limitsTable();
        final Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("campaigns", List.of(n(EngineContext.MAX_CAMPAIGNS_DEFAULT), n(EngineContext.MAX_CAMPAIGNS_CEILING)));
        expected.put("tiers per campaign", List.of(n(EngineContext.MAX_TIERS_PER_CAMPAIGN_DEFAULT),
            n(EngineContext.MAX_TIERS_PER_CAMPAIGN_CEILING)));
        expected.put("stores per campaign", List.of(n(EngineContext.MAX_STORES_PER_CAMPAIGN_DEFAULT),
            n(EngineContext.MAX_STORES_PER_CAMPAIGN_CEILING)));
        expected.put("vouchers claimed, in all", List.of(n(EngineContext.MAX_VOUCHERS_DEFAULT), n(EngineContext.MAX_VOUCHERS_CEILING)));
        expected.put("redemptions, in all", List.of(n(EngineContext.MAX_REDEMPTIONS_DEFAULT), n(EngineContext.MAX_REDEMPTIONS_CEILING)));
        expected.put("races", List.of(n(EngineContext.MAX_RACES_DEFAULT), n(EngineContext.MAX_RACES_CEILING)));
        expected.put("categories per race / distinct pools per race", List.of(
            n(EngineContext.MAX_CATEGORIES_PER_RACE_DEFAULT) + " / " + n(EngineContext.MAX_POOLS_PER_RACE_DEFAULT),
            n(EngineContext.MAX_CATEGORIES_PER_RACE_CEILING) + " / " + n(EngineContext.MAX_POOLS_PER_RACE_CEILING)));
        expected.put("race entries, in all", List.of(n(EngineContext.MAX_ENTRIES_DEFAULT), n(EngineContext.MAX_ENTRIES_CEILING)));
        expected.put("persons per entitlement grant", List.of(n(EngineContext.MAX_PERSONS_PER_GRANT_DEFAULT),
            n(EngineContext.MAX_PERSONS_PER_GRANT_CEILING)));
        expected.put("group size (a race's `maxGroupSize` may not exceed)", List.of(
            n(EngineContext.MAX_GROUP_SIZE_LIMIT_DEFAULT), n(EngineContext.MAX_GROUP_SIZE_LIMIT_CEILING)));
        expected.put("ballot weight", List.of("1–" + n(EngineContext.MAX_BALLOT_WEIGHT_DEFAULT),
            "1–" + n(EngineContext.MAX_BALLOT_WEIGHT_CEILING)));
        expected.put("venues / resources per venue", List.of(
            n(EngineContext.MAX_VENUES_DEFAULT) + " / " + n(EngineContext.MAX_RESOURCES_PER_VENUE_DEFAULT),
            n(EngineContext.MAX_VENUES_CEILING) + " / " + n(EngineContext.MAX_RESOURCES_PER_VENUE_CEILING)));
        expected.put("`releaseDaysAhead`", List.of("0–" + n(EngineContext.MAX_RELEASE_DAYS_AHEAD_DEFAULT),
            "0–" + n(EngineContext.MAX_RELEASE_DAYS_AHEAD_CEILING)));
        expected.put("`validDaysAfterClaim` / per-user limits", List.of(
            "1–" + n(VoucherCampaigns.VALID_DAYS_MAX) + " / 1–" + n(VoucherCampaigns.PER_USER_LIMIT_MAX), "fixed"));
        expected.put("campaign name", List.of(VoucherCampaigns.NAME_MAX_BYTES + " bytes UTF-8", "fixed"));
        expected.put("merchant transaction id", List.of("1–" + VoucherCampaigns.TXN_ID_MAX_LENGTH + " bytes", "fixed"));
        expected.put("draw seed", List.of("1–" + Races.SEED_MAX_BYTES + " bytes", "fixed"));
        expected.forEach((label, cells) ->
            assertThat(table.get(label)).as("README row '%s'", label).isEqualTo(cells));
        assertThat(table.get("race name / participant name / phone / payment reference").get(0)).isEqualTo(
            Races.RACE_NAME_MAX_BYTES + " bytes / 1–" + Races.PERSON_NAME_MAX_BYTES + " bytes UTF-8 / " +
            Races.PHONE_MIN_LENGTH + "–" + Races.PHONE_MAX_LENGTH + " digits (leading `+` allowed) / 1–" +
            Races.PAYMENT_REF_MAX_LENGTH + " bytes");
    }

    /** The rows under "### Limits": the first cell, then the others. */
    private static Map<String, List<String>> limitsTable() throws IOException
    {
        final String readme = Files.readString(README);
        final String section = readme.substring(readme.indexOf("### Limits"), readme.indexOf("\n## ",
            readme.indexOf("### Limits")));
        final Map<String, List<String>> rows = new HashMap<>();
        for (final String line : section.split("\n"))
        {
            if (line.startsWith("| ") && !line.startsWith("| limit"))
            {
                final String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                rows.put(cells[0], List.of(cells).subList(1, cells.length));
            }
        }
        return rows;
    }

    private static String n(final long value)
    {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }
}
