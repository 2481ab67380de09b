package io.startline.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendScheduleTest
{
    @Test
    void requestsFallDueAtTheStartPlusTheirIndexOverTheRate()
    {
        final SendSchedule schedule = new SendSchedule(5_000, 1_000, 10);

        assertThat(schedule.intendedSendNs(0)).isEqualTo(5_000);
        assertThat(schedule.intendedSendNs(1)).isEqualTo(5_000 + 1_000_000);
        assertThat(schedule.intendedSendNs(9)).isEqualTo(5_000 + 9_000_000);
        assertThat(schedule.lastIntendedSendNs()).isEqualTo(5_000 + 9_000_000);
    }

    @Test
    void dueTimesAreComputedFromTheStartSoTheyNeverDrift()
    {
        // 3/s does not divide a second into whole nanoseconds: adding 333,333,333 ns a step would
        // lose a nanosecond every request; computing from the start loses none.
        final SendSchedule schedule = new SendSchedule(0, 3, 3_000_001);

        assertThat(schedule.intendedSendNs(1)).isEqualTo(333_333_333);
        assertThat(schedule.intendedSendNs(3)).isEqualTo(1_000_000_000);
        assertThat(schedule.intendedSendNs(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void dueTimesNeverGoBackAndSpreadEvenly()
    {
        final SendSchedule schedule = new SendSchedule(-7_000, 7_919, 100_000);

        long previous = Long.MIN_VALUE;
        for (int i = 0; i < schedule.requests(); i++)
        {
            final long due = schedule.intendedSendNs(i);
            assertThat(due).isGreaterThanOrEqualTo(previous);
            if (i > 0)
            {
                assertThat(due - previous).isBetween(1_000_000_000L / 7_919, 1_000_000_000L / 7_919 + 1);
            }
            previous = due;
        }
    }

    @Test
    void aMillionRequestsAtOneRequestASecondFitTheArithmetic()
    {
        final SendSchedule schedule = new SendSchedule(Long.MAX_VALUE / 2, 1, 1_000_000);

        assertThat(schedule.lastIntendedSendNs()).isEqualTo(Long.MAX_VALUE / 2 + 999_999L * 1_000_000_000L);
    }

    @Test
    void anEmptyRunEndsWhereItStarts()
    {
        assertThat(new SendSchedule(42, 100, 0).lastIntendedSendNs()).isEqualTo(42);
    }

    @Test
    void refusesWhatIsNoSchedule()
    {
        assertThatThrownBy(() -> new SendSchedule(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendSchedule(0, 10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendSchedule(0, 10, 10).intendedSendNs(10))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
