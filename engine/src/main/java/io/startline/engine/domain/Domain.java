package io.startline.engine.domain;

import io.startline.engine.ResultWriter;
import io.startline.engine.SnapshotSink;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;

/**
 * What a domain (vouchers, races, venues, …) gives the engine. The engine owns the sequence,
 * the clock, idempotency and the snapshot frame; a domain owns its block of the schema and
 * the state its commands change. Everything here runs on the engine's one thread and must be
 * deterministic: no clock, no randomness, no I/O.
 * <p>
 * Register a new domain with one line in {@code EngineDomains}, at the end: the order of
 * registration is the order of the state hash and of the snapshot's records.
 */
public interface Domain
{
    /** The template ids this domain answers for. */
    SchemaBlock schemaBlock();

    /** The largest result any of this domain's commands or queries can write under its limits. */
    int maxResultLength();

    /**
     * Time has reached {@code nowMs}, before the command carrying that time is applied: deadlines
     * due by then fire now. Called for every command, so a domain with nothing due returns at once.
     */
    void advanceTime(long nowMs);

    /** An idle moment (a journaled tick): time for work done ahead of a rush. */
    default void onTick()
    {
    }

    /**
     * Reads the state that the command will touch, to bring it into cache, and changes nothing.
     *
     * @return anything read, so that the reads are not optimised away.
     */
    default long prefetch(final MessageHeaderDecoder header, final DirectBuffer buffer, final int bodyOffset)
    {
        return 0;
    }

    /**
     * Applies one of this domain's commands, whose header has been read, and writes its one result.
     *
     * @return the length of the result.
     */
    int onCommand(MessageHeaderDecoder header, DirectBuffer buffer, int bodyOffset, long nowMs, ResultWriter out);

    /**
     * Answers one of this domain's queries from the state as of {@code nowMs}, the last applied
     * command's time, and changes nothing.
     *
     * @return the length of the result.
     */
    int onQuery(MessageHeaderDecoder header, DirectBuffer buffer, int bodyOffset, long nowMs, ResultWriter out);

    /**
     * Writes this domain's whole state as snapshot records of its block.
     *
     * @return the number of records written.
     */
    int writeSnapshot(SnapshotSink sink);

    /** Loads one record that {@link #writeSnapshot} wrote, in the order it wrote them. */
    void loadSnapshotRecord(MessageHeaderDecoder header, DirectBuffer buffer, int bodyOffset);

    /** Every record has been loaded: rebuild what the snapshot does not carry (indexes, queues). */
    void finishSnapshotLoad();

    /**
     * Adds all of this domain's state to the hash. A domain with no state yet must add nothing, so
     * that a snapshot written before the domain existed still loads with the hash it promised.
     */
    void hashInto(StateHasher hasher);
}
