package io.startline.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseClockTest
{
    @Test
    void theReleaseMinuteIs0800AtTheVenuesOffset()
    {
        for (int minute = 0; minute < 1440; minute += 7)
        {
            final long releaseAt = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli() + minute * 60_000L;
            final ReleaseClock clock = new ReleaseClock(releaseAt, 7);

            assertThat(clock.utcOffsetMinutes()).isBetween(-14 * 60, 14 * 60);
            final LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(releaseAt),
                ZoneOffset.ofTotalSeconds(clock.utcOffsetMinutes() * 60));
            assertThat(local.getHour()).isEqualTo(8);
            assertThat(local.getMinute()).isZero();
            assertThat(LocalDate.ofEpochDay(clock.releasedEpochDay())).isEqualTo(local.toLocalDate().plusDays(7));
        }
    }

    @Test
    void slotsStartAtTheirLocalMinuteOnTheReleasedDay()
    {
        final long releaseAt = Instant.parse("2026-11-22T13:17:00Z").toEpochMilli();
        final ReleaseClock clock = new ReleaseClock(releaseAt, 7);

        final LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(clock.slotStartMs(19 * 60)),
            ZoneOffset.ofTotalSeconds(clock.utcOffsetMinutes() * 60));
        assertThat(local).isEqualTo(LocalDate.ofEpochDay(clock.releasedEpochDay()).atTime(19, 0));
        assertThat(clock.slotStartMs(8 * 60) - releaseAt).isEqualTo(7 * 86_400_000L);
    }

    @Test
    void theNextWholeMinuteLeavesTheLeadTime()
    {
        final long minute = 60_000;
        final long base = 1_795_349_760_000L;

        assertThat(ReleaseClock.nextWholeMinute(base, 0)).isEqualTo(base);
        assertThat(ReleaseClock.nextWholeMinute(base + 1, 3_000)).isEqualTo(base + minute);
        assertThat(ReleaseClock.nextWholeMinute(base + 57_001, 3_000)).isEqualTo(base + 2 * minute);
    }

    @Test
    void aReleaseIsAtAWholeMinute()
    {
        assertThatThrownBy(() -> new ReleaseClock(1_795_349_760_001L, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
