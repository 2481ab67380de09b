package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter of users who may have strikes: never a miss for a user with a record, a size that
 * follows the records (at least {@value StrikeFilter#BITS_PER_RECORD} bits each, up to its
 * largest), and few false alarms for users with none.
 */
class StrikeFilterTest
{
    @Test
    void aNewFilterIsTheSmallestAndMarksNoUser()
    {
        final StrikeFilter filter = new StrikeFilter(1 << 20);
        assertThat(filter.bits()).isEqualTo(StrikeFilter.MIN_BITS);
        for (long user = 1; user <= 10_000; user++)
        {
            assertThat(filter.mayHave(StateHasher.mix(user))).isFalse();
        }
    }

    @Test
    void everyUserWithARecordIsMarkedAsTheFilterGrows()
    {
        final long seed = System.nanoTime();
        System.out.println("StrikeFilterTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final int maxRecords = 200_000;
        final StrikeTable strikes = new StrikeTable(maxRecords);
        final StrikeFilter filter = new StrikeFilter(maxRecords);
        int lastBits = filter.bits();
        for (int r = 0; r < maxRecords; r++)
        {
            final long user = 1 + random.nextLong((1L << 53) - 1);
            strikes.add(user, random.nextInt(2048));
            filter.onRecordAdded(strikes, user);
            assertThat(filter.mayHave(StateHasher.mix(user))).as("record %d, seed %d", r, seed).isTrue();
            assertThat(filter.bits()).as("record %d", r)
                .isGreaterThanOrEqualTo(lastBits)
                .isGreaterThanOrEqualTo(Math.min(StrikeFilter.MAX_BITS, (r + 1) * StrikeFilter.BITS_PER_RECORD))
                .isEqualTo(StrikeFilter.bitsFor(r + 1));
            lastBits = filter.bits();
        }
        for (int s = 0; s < strikes.count; s++)
        {
            assertThat(filter.mayHave(StateHasher.mix(strikes.userId[s]))).as("record %d after growing, seed %d", s, seed).isTrue();
        }
        assertThat(filter.bits()).isEqualTo(1 << 23);
    }

    @Test
    void fewUsersWithoutARecordRaiseAFalseAlarm()
    {
        final int records = 10_000;
        final StrikeTable strikes = new StrikeTable(records);
        final StrikeFilter filter = new StrikeFilter(records);
        for (long user = 1; user <= records; user++)
        {
            strikes.add(user * 2, 0);
            filter.onRecordAdded(strikes, user * 2);
        }
        int alarms = 0;
        for (long user = 1; user <= 100_000; user++)
        {
            alarms += filter.mayHave(StateHasher.mix(user * 2 + 1)) ? 1 : 0;
        }
        // At most one bit in 32 set: about 3 % of other users share a bit with a striker.
        assertThat(alarms).isLessThan(100_000 / 20);
    }

    @Test
    void aRebuildFromTheRecordsMarksTheSameUsers()
    {
        final StrikeTable strikes = new StrikeTable(5000);
        final StrikeFilter grown = new StrikeFilter(5000);
        for (long user = 1; user <= 5000; user++)
        {
            strikes.add(user * 7919, 3);
            grown.onRecordAdded(strikes, user * 7919);
        }
        final StrikeFilter rebuilt = new StrikeFilter(5000);
        rebuilt.rebuild(strikes);
        assertThat(rebuilt.bits()).isEqualTo(grown.bits());
        for (long user = 1; user <= 50_000; user++)
        {
            assertThat(rebuilt.mayHave(StateHasher.mix(user))).as("user %d", user).isEqualTo(grown.mayHave(StateHasher.mix(user)));
        }
    }

    @Test
    void theLargestFilterIsBounded()
    {
        assertThat(StrikeFilter.bitsFor(1 << 26)).isEqualTo(StrikeFilter.MAX_BITS);
        assertThat(StrikeFilter.bitsFor(0)).isEqualTo(StrikeFilter.MIN_BITS);
        assertThat(StrikeFilter.bitsFor(2048)).isEqualTo(StrikeFilter.MIN_BITS);
        assertThat(StrikeFilter.bitsFor(2049)).isEqualTo(2 * StrikeFilter.MIN_BITS);
    }
}
