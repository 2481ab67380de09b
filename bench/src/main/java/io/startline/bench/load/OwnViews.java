package io.startline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last phase of every scenario: sampled users each read their own view once (their
 * vouchers, their entry, their holds and bookings), as people do after a rush; each answer's
 * JSON is kept for the end check, which compares it with what the rush answered them.
 */
final class OwnViews implements Phase
{
    private final String name;
    private final String path;
    private final int[] users;
    private final String[] userHeaders;
    private final AtomicReferenceArray<JsonNode> answers;

    /**
     * @param path        the user's own view, for example {@code /api/vouchers/me}
     * @param users       the sampled users, as indexes into {@code userHeaders}
     * @param userHeaders every user's {@code Authorization} header
     */
    OwnViews(final String name, final String path, final int[] users, final String[] userHeaders)
    {
        this.name = name;
        this.path = path;
        this.users = users;
        this.userHeaders = userHeaders;
        answers = new AtomicReferenceArray<>(users.length);
    }

    /** The user who made request {@code index}. */
    int user(final int index)
    {
        return users[index];
    }

    /** Request {@code index}'s answer, or null if it got none. */
    JsonNode answer(final int index)
    {
        return answers.get(index);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int requests()
    {
        return users.length;
    }

    @Override
    public Set<String> expectedOutcomes()
    {
        return Set.of("200");
    }

    @Override
    public PlannedRequest request(final int index)
    {
        return PlannedRequest.get(path, userHeaders[users[index]]);
    }

    @Override
    public void onAnswer(final int index, final int status, final byte[] body)
    {
        answers.set(index, Answers.json(body));
    }
}
