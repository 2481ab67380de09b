package io.startline.gateway.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait lands in the first bucket whose upper bound holds it (a bound is inclusive, as
 * Prometheus reads {@code le}); beyond the last bound it lands in the infinite bucket. The sum
 * and the longest wait follow every record, and a clock that stepped back counts as no wait.
 */
class RingWaitTest
{
    @Test
    void aWaitLandsInTheFirstBucketWhoseBoundHoldsIt()
    {
        final RingWait ringWait = new RingWait();
        ringWait.record(10_000);
        ringWait.record(10_001);
        ringWait.record(20_000_000_000L);

        final long[] counts = ringWait.counts();
        final double[] bounds = RingWait.upperBoundsSeconds();
        assertThat(counts).hasSize(bounds.length);
        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[counts.length - 1]).isEqualTo(1);
        assertThat(bounds[0]).isEqualTo(10e-6);
        assertThat(bounds[bounds.length - 1]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void theSumAndTheLongestWaitFollowEveryRecord()
    {
        final RingWait ringWait = new RingWait();
        ringWait.record(3_000_000);
        ringWait.record(1_000_000);
        ringWait.record(2_000_000);

        assertThat(ringWait.sumNs()).isEqualTo(6_000_000);
        assertThat(ringWait.maxNs()).isEqualTo(3_000_000);
    }

    @Test
    void aClockThatSteppedBackCountsAsNoWait()
    {
        final RingWait ringWait = new RingWait();
        ringWait.record(-5_000);

        assertThat(ringWait.counts()[0]).isEqualTo(1);
        assertThat(ringWait.sumNs()).isZero();
        assertThat(ringWait.maxNs()).isZero();
    }
}
