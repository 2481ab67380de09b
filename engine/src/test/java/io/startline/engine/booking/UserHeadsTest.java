package io.startline.engine.booking;

import io.startline.engine.support.StateHasher;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each user's newest reservation: a put answers the one it follows, a get the newest, a user
 * never seen {@link UserHeads#NONE}. Checked against a plain map, in a table small enough that
 * users' probe runs collide and wrap around its end.
 */
class UserHeadsTest
{
    @Test
    void aUserWithNoReservationHasNone()
    {
        final UserHeads heads = new UserHeads(16);
        assertThat(heads.get(42)).isEqualTo(UserHeads.NONE);
        assertThat(put(heads, 42, 7)).isEqualTo(UserHeads.NONE);
        assertThat(heads.get(42)).isEqualTo(7);
        assertThat(heads.get(43)).isEqualTo(UserHeads.NONE);
    }

    @Test
    void eachPutAnswersTheReservationItFollows()
    {
        final UserHeads heads = new UserHeads(16);
        put(heads, 5, 0);
        put(heads, 6, 1);
        assertThat(put(heads, 5, 2)).isEqualTo(0);
        assertThat(put(heads, 5, 3)).isEqualTo(2);
        assertThat(heads.get(5)).isEqualTo(3);
        assertThat(heads.get(6)).isEqualTo(1);
    }

    @Test
    void headsMatchAPlainMapUpToTheLimitOfUsers()
    {
        final long seed = System.nanoTime();
        System.out.println("UserHeadsTest seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final int maxUsers = 100;
        final UserHeads heads = new UserHeads(maxUsers);
        final Map<Long, Integer> model = new HashMap<>();
        // Users drawn from a wide range, so their homes are anywhere in the table, ending at the limit.
        final long[] users = new long[maxUsers];
        for (int u = 0; u < maxUsers; u++)
        {
            users[u] = 1 + random.nextLong((1L << 53) - 1);
        }
        for (int reservation = 0; reservation < 10_000; reservation++)
        {
            final long user = users[random.nextInt(maxUsers)];
            assertThat(put(heads, user, reservation)).as("seed %d", seed).isEqualTo(model.getOrDefault(user, UserHeads.NONE));
            model.put(user, reservation);
            final long other = users[random.nextInt(maxUsers)];
            assertThat(heads.get(other)).as("seed %d", seed).isEqualTo(model.getOrDefault(other, UserHeads.NONE));
        }
        assertThat(model).hasSize(maxUsers);
        for (final long user : users)
        {
            assertThat(heads.get(user)).isEqualTo(model.get(user));
        }
    }

    @Test
    void readingAUsersHomeAheadChangesNothing()
    {
        final UserHeads heads = new UserHeads(8);
        put(heads, 9, 4);
        heads.homeKey(StateHasher.mix(9));
        heads.homeKey(StateHasher.mix(10));
        assertThat(heads.get(9)).isEqualTo(4);
        assertThat(heads.get(10)).isEqualTo(UserHeads.NONE);
    }

    private static int put(final UserHeads heads, final long userId, final int reservation)
    {
        return heads.put(StateHasher.mix(userId), userId, reservation);
    }
}
