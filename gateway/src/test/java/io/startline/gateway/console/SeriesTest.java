package io.startline.gateway.console;

import io.startline.engine.voucher.CampaignStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.groups.Tuple.tuple;

import static org.assertj.core.api.Assertions.assertThat;

/** A point a minute in a ring of fixed size. */
class SeriesTest
{
    private static final long MINUTE = 60_000;

    @Test
    void samplesWithinAMinuteRefreshItsPointAndANewMinuteAddsOne()
    {
        final Series series = new Series(3);
        series.offer(10 * MINUTE, MINUTE, claimed(1));
        series.offer(10 * MINUTE + 59_999, MINUTE, claimed(2));
        series.offer(11 * MINUTE, MINUTE, claimed(5));

        assertThat(series.points()).extracting(Series.Point::atMs, Series.Point::claimed)
            .containsExactly(tuple(10 * MINUTE + 59_999, 2L),
                tuple(11 * MINUTE, 5L));
    }

    @Test
    void aFullRingDropsItsOldestPoint()
    {
        final Series series = new Series(3);
        for (int minute = 0; minute < 5; minute++)
        {
            series.offer(minute * MINUTE, MINUTE, claimed(minute));
        }
        assertThat(series.points()).extracting(Series.Point::claimed).containsExactly(2L, 3L, 4L);
    }

    private static CampaignStats.Counters claimed(final long claimed)
    {
        return new CampaignStats.Counters(0, claimed, 0, 0, 0, 0, 0, 0, 0);
    }
}
