package io.startline.engine.race;

import io.startline.engine.EngineContext;
import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.BallotViewEncoder;
import io.startline.engine.codec.CloseWaitlistDecoder;
import io.startline.engine.codec.CreateGroupDecoder;
import io.startline.engine.codec.CreateRaceDecoder;
import io.startline.engine.codec.DrawBallotDecoder;
import io.startline.engine.codec.EditRaceDecoder;
import io.startline.engine.codec.EntitlementRecordsDecoder;
import io.startline.engine.codec.GetBallotDecoder;
import io.startline.engine.codec.GetOwnEntryDecoder;
import io.startline.engine.codec.GetRaceDecoder;
import io.startline.engine.codec.GetRaceResultsDecoder;
import io.startline.engine.codec.GrantEntitlementsDecoder;
import io.startline.engine.codec.ListRacesDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RaceDomainRecordDecoder;
import io.startline.engine.codec.RaceListEncoder;
import io.startline.engine.codec.RaceResultsPageEncoder;
import io.startline.engine.codec.RaceViewEncoder;
import io.startline.engine.codec.RecordPaymentDecoder;
import io.startline.engine.codec.SubmitEntryDecoder;
import io.startline.engine.codec.WithdrawEntryDecoder;
import io.startline.engine.domain.Domain;
import io.startline.engine.domain.IdRange;
import io.startline.engine.domain.SchemaBlock;
import io.startline.engine.support.StateHasher;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * The race domain as the engine sees it: commands go to {@link RaceCommands}, queries to
 * {@link RaceQueries}, snapshots to {@link RaceSnapshot}, time and the state hash to
 * {@link Races}.
 */
public final class RaceCommandAdapter implements Domain
{
    private static final SchemaBlock SCHEMA_BLOCK = new SchemaBlock("races",
        new IdRange(CreateRaceDecoder.TEMPLATE_ID, EditRaceDecoder.TEMPLATE_ID),
        new IdRange(GetOwnEntryDecoder.TEMPLATE_ID, ListRacesDecoder.TEMPLATE_ID),
        new IdRange(RaceDomainRecordDecoder.TEMPLATE_ID, EntitlementRecordsDecoder.TEMPLATE_ID));

    private final int maxResultLength;
    private final Races races;
    private final RaceSnapshot snapshot;
    private final RaceCommands commands;
    private final RaceQueries queries;

    public RaceCommandAdapter(final EngineContext context)
    {
        races = new Races(context);
        maxResultLength = maxResultLength(context);
        snapshot = new RaceSnapshot(races);
        commands = new RaceCommands(context, races);
        queries = new RaceQueries(context, races);
    }

    /** New decoders of this domain's commands and queries, for the edges' shape checks. */
    public static List<MessageDecoderFlyweight> inboundDecoders()
    {
        return List.of(
            new CreateRaceDecoder(),
            new GrantEntitlementsDecoder(),
            new CreateGroupDecoder(),
            new SubmitEntryDecoder(),
            new WithdrawEntryDecoder(),
            new DrawBallotDecoder(),
            new RecordPaymentDecoder(),
            new CloseWaitlistDecoder(),
            new EditRaceDecoder(),
            new GetOwnEntryDecoder(),
            new GetRaceDecoder(),
            new GetBallotDecoder(),
            new GetRaceResultsDecoder(),
            new ListRacesDecoder());
    }

    @Override
    public SchemaBlock schemaBlock()
    {
        return SCHEMA_BLOCK;
    }

    @Override
    public int maxResultLength()
    {
        return maxResultLength;
    }

    /**
     * The largest result this domain can write: a race view with every category and pool, a full
     * results page, or a page of races.
     */
    private static int maxResultLength(final EngineContext context)
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
        final int list = MessageHeaderEncoder.ENCODED_LENGTH + RaceListEncoder.BLOCK_LENGTH + 4 +
            EngineContext.LIST_PAGE_ROWS_MAX * (RaceListEncoder.RacesEncoder.sbeBlockLength() + 4 +
            RaceSpec.NAME_MAX_BYTES);
        return Math.max(Math.max(view, list), Math.max(page, ballot));
    }

    @Override
    public int writeSnapshot(final SnapshotSink sink)
    {
        return snapshot.write(sink);
    }

    @Override
    public void loadSnapshotRecord(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        snapshot.load(header, buffer, bodyOffset);
    }

    @Override
    public void finishSnapshotLoad()
    {
        snapshot.finish();
    }

    @Override
    public void advanceTime(final long nowMs)
    {
        races.advanceTime(nowMs);
    }

    @Override
    public void hashInto(final StateHasher hasher)
    {
        races.hashInto(hasher);
    }

    @Override
    public int onCommand(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        return commands.onCommand(header, buffer, bodyOffset, nowMs, out);
    }

    @Override
    public int onQuery(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset, final long nowMs,
        final ResultWriter out)
    {
        return queries.onQuery(header, buffer, bodyOffset, out);
    }
}
