package io.startline.engine.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A periodic snapshot is due every interval of commands, waits while the last or the current
 * second is busy, and waits no longer than its bound.
 */
class SnapshotScheduleTest
{
    @Test
    void aQuietStreamSnapshotsEveryInterval()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(10, 1_000, 100);
        int due = 0;
        for (int i = 1; i <= 35; i++)
        {
            if (schedule.onCommand(i * 100L))
            {
                due++;
                assertThat(i % 10).as("due at command %d", i).isZero();
                schedule.onSnapshot();
            }
        }
        assertThat(due).isEqualTo(3);
    }

    @Test
    void aRushDefersThePeriodicSnapshotUntilItPasses()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(100, 50, 1_000_000);
        long nowMs = 0;
        for (int i = 0; i < 500; i++)
        {
            assertThat(schedule.onCommand(nowMs)).as("in the rush, command %d", i).isFalse();
            nowMs += 5;
        }
        assertThat(schedule.commandsSinceSnapshot()).isEqualTo(500);
        nowMs += 5_000;
        assertThat(schedule.onCommand(nowMs)).as("the first command after the rush").isTrue();
    }

    @Test
    void aLongRushTakesTheSnapshotAtTheBound()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(100, 50, 300);
        long nowMs = 0;
        for (int i = 1; i < 400; i++)
        {
            assertThat(schedule.onCommand(nowMs)).isFalse();
            nowMs += 1;
        }
        assertThat(schedule.onCommand(nowMs)).as("command 400: the interval and the bound").isTrue();
    }

    @Test
    void noIntervalMeansOnDemandOnlyAndNoBusyRateNeverDefers()
    {
        final SnapshotSchedule onDemand = new SnapshotSchedule(0, 0, 0);
        final SnapshotSchedule neverDefers = new SnapshotSchedule(3, 0, 0);
        for (int i = 1; i <= 9; i++)
        {
            assertThat(onDemand.onCommand(i)).isFalse();
            if (neverDefers.onCommand(i))
            {
                assertThat(i % 3).isZero();
                neverDefers.onSnapshot();
            }
        }
    }
}
