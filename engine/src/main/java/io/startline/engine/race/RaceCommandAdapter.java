package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BallotViewEncoder;
import io.startline.engine.codec.CloseWaitlistDecoder;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.codec.GetOwnEntryDecoder;
import io.startline.engine.codec.GetRaceResultsDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceResultsPageEncoder;
import io.startline.engine.codec.RaceViewEncoder;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;

/**
 * The race domain as the engine sees it: commands go to {@link RaceCommands}, queries to
 * {@link RaceQueries}, snapshots to {@link RaceSnapshot}, time and the state hash to
 * {@link Races}.
 */
public final class RaceCommandAdapter
{
    private final Races races;
    private final RaceSnapshot snapshot;
    private final RaceCommands commands;
    private final RaceQueries queries;

    public RaceCommandAdapter(final EngineContext context)
    {
        races = new Races(context);
        snapshot = new RaceSnapshot(races);
        commands = new RaceCommands(context, races);
        queries = new RaceQueries(context, races);
    }

    public static boolean handlesCommand(final int templateId)
    {
        return templateId >= CreateRaceDecoder.TEMPLATE_ID && templateId <= CloseWaitlistDecoder.TEMPLATE_ID;
    }

    public static boolean handlesQuery(final int templateId)
    {
        return templateId >= GetOwnEntryDecoder.TEMPLATE_ID && templateId <= GetRaceResultsDecoder.TEMPLATE_ID;
    }

    public static boolean handlesSnapshotRecord(final int templateId)
    {
        return RaceSnapshot.handles(templateId);
    }

    /**
     * The largest result this domain can write: a race view with every category and pool, or a
     * full results page.
     */
    public static int maxResultLength(final EngineContext context)
    {
        final int pools = context.maxPoolsPerRace();
        final int view = MessageHeaderEncoder.ENCODED_LENGTH + RaceViewEncoder.BLOCK_LENGTH + 4 +
            context.maxCategoriesPerRace() * (RaceViewEncoder.CategoriesEncoder.sbeBlockLength() + 4 +
            pools * RaceViewEncoder.CategoriesEncoder.PoolsEncoder.sbeBlockLength()) +
            4 + RaceSpec.NAME_MAX_BYTES;
        final int page = MessageHeaderEncoder.ENCODED_LENGTH + RaceResultsPageEncoder.BLOCK_LENGTH +
            4 + pools * RaceResultsPageEncoder.PoolCodesEncoder.sbeBlockLength() +
            4 + context.raceResultsPageRows() * RaceResultsPageEncoder.RowsEncoder.sbeBlockLength();
        final int ballot = MessageHeaderEncoder.ENCODED_LENGTH + BallotViewEncoder.BLOCK_LENGTH + 4 +
            Races.SEED_MAX_BYTES;
        return Math.max(view, Math.max(page, ballot));
    }

    public int writeSnapshot(final SnapshotSink sink)
    {
        return snapshot.write(sink);
    }

    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        snapshot.load(header, buffer, bodyOffset);
    }

    public void finishSnapshotLoad()
    {
        snapshot.finish();
    }

    public void advanceTime(final long nowMs)
    {
        races.advanceTime(nowMs);
    }

    public void hashInto(final StateHasher hasher)
    {
        races.hashInto(hasher);
    }

    public int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        return commands.onCommand(header, buffer, bodyOffset, nowMs, out);
    }

    public int onQuery(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final ResultWriter out)
    {
        return queries.onQuery(header, buffer, bodyOffset, out);
    }
}
