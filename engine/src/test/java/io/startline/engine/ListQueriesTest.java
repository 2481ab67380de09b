package io.startline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.startline.engine.codec.CampaignListDecoder;
import io.startline.engine.codec.ListCampaignsEncoder;
import io.startline.engine.codec.ListRacesEncoder;
import io.startline.engine.codec.ListVenuesEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.RaceListDecoder;
import io.startline.engine.codec.RaceMode;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.VenueListDecoder;
import io.startline.engine.testkit.EngineDriver;
import io.startline.engine.testkit.RaceDriver;
import io.startline.engine.testkit.VenueDriver;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * An organiser lists what exists, a page at a time: campaigns and venues in id order, races in
 * the order they were created, each page
 * saying where the next starts, and a page size the engine bounds.
 */
class ListQueriesTest
{
    private static final long T0 = 1_800_000_000_000L;

    private final EngineDriver driver = new EngineDriver(EngineDriver.smallContext(), T0);
    private final VenueDriver venues = new VenueDriver(driver);

    @Test
    void campaignsAreListedInIdOrderAPageAtATime()
    {
        for (final String name : List.of("Spring", "Summer", "冬季消费券"))
        {
            assertThat(driver.createCampaign(name, 1_000_000, 7, T0 + 86_400_000L, 1,
                List.of(new EngineDriver.Tier("T1", 1_000, 2_000)), 1).code()).isEqualTo(ResultCode.OK);
        }

        final CampaignListDecoder first = campaigns(0, 2);
        assertThat(campaignNames(first)).containsExactly("1 Spring", "2 Summer");
        final long next = first.nextAfterCampaignId();
        assertThat(next).isEqualTo(2);

        final CampaignListDecoder last = campaigns(next, 2);
        assertThat(campaignNames(last)).containsExactly("3 冬季消费券");
        assertThat(last.nextAfterCampaignId()).as("the last page").isZero();

        assertThat(campaignNames(campaigns(3, 100))).as("past the end").isEmpty();
    }

    @Test
    void venuesAreListedInIdOrderAPageAtATime()
    {
        for (final String name : List.of("North courts", "Pool"))
        {
            assertThat(venues.createVenue(VenueDriver.Venue.standard(2).withName(name)).code()).isEqualTo(ResultCode.OK);
        }

        final VenueListDecoder page = venueList(0, 100);
        final List<String> rows = new ArrayList<>();
        for (final VenueListDecoder.VenuesDecoder venue : page.venues())
        {
            rows.add(venue.venueId() + " " + venue.resources() + " " + venue.name());
        }
        assertThat(rows).containsExactly("1 2 North courts", "2 2 Pool");
        assertThat(page.nextAfterVenueId()).isZero();
    }

    @Test
    void racesAreListedInTheOrderTheyWereCreatedEvenWhenTheyBroughtTheirOwnIds()
    {
        final RaceDriver races = new RaceDriver(driver);
        final LocalDate raceDay = LocalDate.of(2027, 4, 12);
        final List<RaceDriver.Category> categories =
            List.of(new RaceDriver.Category("FULL", 100, 20_000, 18, 80, 1, List.of()));
        for (final long requestedId : new long[] {9_001, 0, 7})
        {
            assertThat(races.createRace(new RaceDriver.Race(requestedId, "Race " + requestedId, raceDay,
                RaceMode.LOTTERY, T0, T0 + 86_400_000L, 86_400_000L, 1, categories)).code()).isEqualTo(ResultCode.OK);
        }

        new ListRacesEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .afterPosition(1).maxRows(100);
        final UnsafeBuffer result = copy(driver.ask());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(header.templateId()).isEqualTo(RaceListDecoder.TEMPLATE_ID);
        final RaceListDecoder page = new RaceListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        final List<String> rows = new ArrayList<>();
        for (final RaceListDecoder.RacesDecoder race : page.races())
        {
            rows.add(race.name());
        }
        assertThat(rows).containsExactly("Race 0", "Race 7");
        assertThat(page.nextAfterPosition()).isZero();
    }

    @Test
    void aPageHoldsOneToTheEnginesMostRowsAndStartsAtAnIdNotBelowZero()
    {
        encodeListCampaigns(0, 0);
        driver.ask();
        assertThat(driver.lastRejection()).isEqualTo(ResultCode.INVALID_ARGUMENT);
        assertThat(driver.lastRejectedField()).isEqualTo("limit");

        encodeListCampaigns(0, EngineContext.LIST_PAGE_ROWS_MAX + 1);
        driver.ask();
        assertThat(driver.lastRejectedField()).isEqualTo("limit");

        new ListVenuesEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .afterVenueId(-1).maxRows(10);
        driver.ask();
        assertThat(driver.lastRejectedField()).isEqualTo("after");
    }

    private CampaignListDecoder campaigns(final long afterCampaignId, final int maxRows)
    {
        encodeListCampaigns(afterCampaignId, maxRows);
        final UnsafeBuffer result = copy(driver.ask());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(header.templateId()).isEqualTo(CampaignListDecoder.TEMPLATE_ID);
        return new CampaignListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    private void encodeListCampaigns(final long afterCampaignId, final int maxRows)
    {
        new ListCampaignsEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .afterCampaignId(afterCampaignId).maxRows(maxRows);
    }

    private VenueListDecoder venueList(final long afterVenueId, final int maxRows)
    {
        new ListVenuesEncoder().wrapAndApplyHeader(driver.commandBuffer(), 0, driver.headerEncoder())
            .afterVenueId(afterVenueId).maxRows(maxRows);
        final UnsafeBuffer result = copy(driver.ask());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
        assertThat(header.templateId()).isEqualTo(VenueListDecoder.TEMPLATE_ID);
        return new VenueListDecoder().wrap(result, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    /** "id name" for each row, the names read as UTF-8. */
    private static List<String> campaignNames(final CampaignListDecoder page)
    {
        final List<String> rows = new ArrayList<>();
        for (final CampaignListDecoder.CampaignsDecoder campaign : page.campaigns())
        {
            final byte[] name = new byte[campaign.nameLength()];
            campaign.getName(name, 0, name.length);
            rows.add(campaign.campaignId() + " " + new String(name, StandardCharsets.UTF_8));
        }
        return rows;
    }

    private static UnsafeBuffer copy(final UnsafeBuffer result)
    {
        final byte[] bytes = new byte[result.capacity()];
        result.getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }
}
