package io.startline.engine;

import java.util.ArrayList;
import java.util.List;
import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.ResultCode;
import io.startline.engine.codec.SnapshotBeginDecoder;
import io.startline.engine.codec.SnapshotBeginEncoder;
import io.startline.engine.codec.SnapshotEndDecoder;
import io.startline.engine.codec.SnapshotEndEncoder;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.domain.Domain;
import io.startline.engine.domain.DomainTable;
import io.startline.engine.domain.DomainType;
import io.startline.engine.idempotency.IdempotencyKeys;
import io.startline.engine.support.StateHasher;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The core: applies one sequenced, time-stamped command and writes its one result.
 * <p>
 * Single-threaded and deterministic: no clock, no randomness, no I/O, no locks. Time is
 * the command's timestamp; deadlines (voucher expiry, drop ends, payment deadlines, hold
 * expiry, no-shows) fire as time passes them,
 * before the command that carries that time is applied. The same commands with the same
 * sequence numbers and timestamps give the same results and the same {@link #stateHash()},
 * which is what replay, snapshots and the cluster's members rely on.
 * <p>
 * The engine owns the sequence, the clock, idempotency keys and the snapshot frame; everything
 * else is a {@link Domain}, found by template id in one {@link DomainTable}.
 */
public final class Engine
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderDecoder prefetchHeaderDecoder = new MessageHeaderDecoder();
    /** Where {@link #prefetch} keeps what it read, so the reads stay in the compiled code. */
    private long prefetchedWords;
    private final ResultWriter resultWriter = new ResultWriter();
    private final DomainTable domainTable;
    private final Domain[] domains;
    private final IdempotencyKeys idempotencyKeys;
    private final IdempotentDecoder idempotentDecoder = new IdempotentDecoder();
    private final int maxResultLength;

    private long lastSequence;
    private long nowMs = Long.MIN_VALUE;
    private SnapshotLoad snapshotLoad = SnapshotLoad.NOT_STARTED;
    private long snapshotRecordsLoaded;

    private enum SnapshotLoad
    {
        NOT_STARTED, LOADING, DONE
    }

    /** An engine running the {@link EngineDomains#STANDARD standard} domains. */
    public Engine(final EngineContext context)
    {
        this(context, EngineDomains.STANDARD);
    }

    /**
     * @param domainTypes in the order of {@link EngineDomains#STANDARD}.
     * @throws IllegalArgumentException when the limits are out of bounds or two domains claim one template id.
     */
    public Engine(final EngineContext context, final List<DomainType> domainTypes)
    {
        context.validate();
        final List<Domain> created = new ArrayList<>(domainTypes.size());
        for (final DomainType type : domainTypes)
        {
            created.add(type.factory().apply(context));
        }
        domainTable = new DomainTable(created, List.of(IdempotencyKeys.SNAPSHOT_RECORDS));
        domains = domainTable.domains();
        idempotencyKeys = new IdempotencyKeys(context.maxIdempotencyKeys(), context.idempotencyResultBytes(),
            context.idempotencyKeepMs());
        maxResultLength = domainTable.maxResultLength();
    }

    /**
     * Applies one journaled command.
     *
     * @param sequence    exactly one more than the previous command's.
     * @param timestampMs epoch milliseconds, never less than the previous command's.
     * @param out         where the result goes; at least {@link #maxResultLength()} bytes from {@code outOffset}.
     * @return the length of the encoded result.
     * @throws IllegalStateException when the sequence or the time goes backwards: the pipeline is broken,
     *                               and carrying on would make this engine differ from its replay.
     */
    public int apply(
        final long sequence,
        final long timestampMs,
        final DirectBuffer command,
        final int offset,
        final MutableDirectBuffer out,
        final int outOffset)
    {
        if (snapshotLoad == SnapshotLoad.LOADING)
        {
            throw new IllegalStateException("a snapshot is being loaded: commands wait for its end");
        }
        if (sequence != lastSequence + 1)
        {
            throw new IllegalStateException("sequence " + sequence + " does not follow " + lastSequence);
        }
        if (timestampMs < nowMs)
        {
            throw new IllegalStateException("time went back from " + nowMs + " to " + timestampMs);
        }
        lastSequence = sequence;
        nowMs = timestampMs;
        advanceDomains(timestampMs);
        idempotencyKeys.advanceTime(timestampMs);

        resultWriter.wrap(out, outOffset);
        headerDecoder.wrap(command, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return resultWriter.rejected(ResultCode.UNKNOWN_COMMAND, headerDecoder.schemaId(), "");
        }
        if (headerDecoder.templateId() == IdempotentDecoder.TEMPLATE_ID)
        {
            return applyIdempotent(command, offset, timestampMs, out, outOffset);
        }
        return dispatch(command, offset, timestampMs);
    }

    /**
     * Reads the state that a command will look up at random, and changes nothing: no state,
     * no clock, no sequence. A batch of commands is applied faster when the pipeline first
     * prefetches each of them and only then applies them in order. Their cache misses are then
     * in flight together rather than one after another: at a rush every claim misses on its
     * user, and a miss costs more than the rest of the claim. Prefetching is only a read, so
     * the results and the state are the same with it or without it.
     */
    public void prefetch(final DirectBuffer command, final int offset)
    {
        if (command.capacity() < offset + MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        final MessageHeaderDecoder header = prefetchHeaderDecoder.wrap(command, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        int headerOffset = offset;
        if (header.templateId() == IdempotentDecoder.TEMPLATE_ID)
        {
            headerOffset = wrappedCommandOffset(header, offset);
            if (command.capacity() < headerOffset + MessageHeaderDecoder.ENCODED_LENGTH)
            {
                return;
            }
            header.wrap(command, headerOffset);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                return;
            }
        }
        final Domain owner = domainTable.commandOwner(header.templateId());
        if (owner != null)
        {
            prefetchedWords += owner.prefetch(header, command, headerOffset + MessageHeaderDecoder.ENCODED_LENGTH);
        }
    }

    /**
     * A command sent with an idempotency key: the first time, it is applied and its result
     * remembered; again with the same request, the first result is the answer and nothing
     * changes; with another request, it is refused as a mismatch.
     */
    private int applyIdempotent(final DirectBuffer command, final int offset, final long timestampMs,
        final MutableDirectBuffer out, final int outOffset)
    {
        idempotentDecoder.wrap(command, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        final long keyHigh = idempotentDecoder.keyHigh();
        final long keyLow = idempotentDecoder.keyLow();
        final long requestDigest = idempotentDecoder.requestDigest();
        final int innerOffset = wrappedCommandOffset(headerDecoder, offset);
        headerDecoder.wrap(command, innerOffset);
        final int innerTemplateId = headerDecoder.templateId();
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID || domainTable.commandOwner(innerTemplateId) == null)
        {
            return resultWriter.rejected(ResultCode.UNKNOWN_COMMAND, innerTemplateId, "");
        }
        final int remembered = idempotencyKeys.find(keyHigh, keyLow);
        if (remembered >= 0)
        {
            return idempotencyKeys.requestDigest(remembered) == requestDigest ?
                idempotencyKeys.copyResult(remembered, out, outOffset) :
                resultWriter.rejected(ResultCode.IDEMPOTENCY_MISMATCH, 0, "Idempotency-Key");
        }
        final int length = dispatch(command, innerOffset, timestampMs);
        idempotencyKeys.remember(keyHigh, keyLow, requestDigest, timestampMs, out, outOffset, length);
        return length;
    }

    /** Where the command an {@code Idempotent} wrapper at {@code offset} carries starts; the header holds the wrapper's. */
    private static int wrappedCommandOffset(final MessageHeaderDecoder wrapperHeader, final int offset)
    {
        return offset + MessageHeaderDecoder.ENCODED_LENGTH + wrapperHeader.blockLength();
    }

    /** Applies a command whose header {@link #headerDecoder} has just read at {@code offset}. */
    private int dispatch(final DirectBuffer command, final int offset, final long timestampMs)
    {
        final int templateId = headerDecoder.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int owner = domainTable.commandOwnerIndex(templateId);
        if (owner >= 0)
        {
            return applyInDomain(owner, command, bodyOffset, timestampMs);
        }
        if (templateId == TickDecoder.TEMPLATE_ID)
        {
            for (final Domain domain : domains)
            {
                domain.onTick();
            }
            return resultWriter.accepted();
        }
        if (templateId == TakeSnapshotDecoder.TEMPLATE_ID)
        {
            return resultWriter.accepted();
        }
        return resultWriter.rejected(ResultCode.UNKNOWN_COMMAND, templateId, "");
    }

    /*
     * Time and commands reach the domains through one call site per registered position (the first
     * six), not one call in a loop: each site then only ever sees one class, so the JIT inlines the
     * domain's method. A loop's one site sees every domain and dispatches through the interface
     * table on every command, which measured ~10 ns a command (bench/RESULTS.md).
     */

    private void advanceDomains(final long nowMs)
    {
        final Domain[] d = domains;
        final int count = d.length;
        if (count > 0)
        {
            d[0].advanceTime(nowMs);
        }
        if (count > 1)
        {
            d[1].advanceTime(nowMs);
        }
        if (count > 2)
        {
            d[2].advanceTime(nowMs);
        }
        if (count > 3)
        {
            d[3].advanceTime(nowMs);
        }
        if (count > 4)
        {
            d[4].advanceTime(nowMs);
        }
        if (count > 5)
        {
            d[5].advanceTime(nowMs);
        }
        for (int i = 6; i < count; i++)
        {
            d[i].advanceTime(nowMs);
        }
    }

    private int applyInDomain(final int index, final DirectBuffer command, final int bodyOffset, final long nowMs)
    {
        final Domain[] d = domains;
        final MessageHeaderDecoder h = headerDecoder;
        final ResultWriter out = resultWriter;
        return switch (index)
        {
            case 0 -> d[0].onCommand(h, command, bodyOffset, nowMs, out);
            case 1 -> d[1].onCommand(h, command, bodyOffset, nowMs, out);
            case 2 -> d[2].onCommand(h, command, bodyOffset, nowMs, out);
            case 3 -> d[3].onCommand(h, command, bodyOffset, nowMs, out);
            case 4 -> d[4].onCommand(h, command, bodyOffset, nowMs, out);
            case 5 -> d[5].onCommand(h, command, bodyOffset, nowMs, out);
            default -> d[index].onCommand(h, command, bodyOffset, nowMs, out);
        };
    }

    /**
     * Answers a read-only query from the current state. Queries are not journaled and change
     * nothing, not even the clock: they see the state as of the last applied command.
     *
     * @return the length of the encoded result.
     */
    public int query(final DirectBuffer query, final int offset, final MutableDirectBuffer out, final int outOffset)
    {
        resultWriter.wrap(out, outOffset);
        headerDecoder.wrap(query, offset);
        final int templateId = headerDecoder.templateId();
        final Domain owner = domainTable.queryOwner(templateId);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID || owner == null)
        {
            return resultWriter.rejected(ResultCode.UNKNOWN_COMMAND, templateId, "");
        }
        return owner.onQuery(headerDecoder, query, offset + MessageHeaderDecoder.ENCODED_LENGTH, nowMs, resultWriter);
    }

    /**
     * Writes the whole state as snapshot records: {@code SnapshotBegin} (sequence and time),
     * each domain's records, and {@code SnapshotEnd} with the record count and the state hash
     * that a load must reproduce.
     *
     * @return the number of records written, Begin and End included.
     */
    public long snapshot(final SnapshotSink sink)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final SnapshotBeginEncoder begin = new SnapshotBeginEncoder().wrapAndApplyHeader(buffer, 0, header)
            .lastSequence(lastSequence)
            .nowMs(nowMs);
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + begin.encodedLength());

        long domainRecords = 0;
        for (final Domain domain : domains)
        {
            domainRecords += domain.writeSnapshot(sink);
        }
        domainRecords += idempotencyKeys.writeSnapshot(sink);

        final SnapshotEndEncoder end = new SnapshotEndEncoder().wrapAndApplyHeader(buffer, 0, header)
            .recordCount(domainRecords)
            .stateHash(stateHash());
        sink.record(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + end.encodedLength());
        return domainRecords + 2;
    }

    /**
     * Loads one snapshot record into this new engine, in the order {@link #snapshot} wrote
     * them. At {@code SnapshotEnd} the rebuilt state's hash must equal the stored one.
     *
     * @throws IllegalStateException when the engine is not new, a record is out of place, or the
     *                               loaded state does not hash to what the snapshot promised.
     */
    public void loadSnapshotRecord(final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw new IllegalStateException("not a Startline record: schema " + headerDecoder.schemaId());
        }
        final int templateId = headerDecoder.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == SnapshotBeginDecoder.TEMPLATE_ID)
        {
            if (snapshotLoad != SnapshotLoad.NOT_STARTED || lastSequence != 0)
            {
                throw new IllegalStateException("a snapshot loads only into a new engine");
            }
            final SnapshotBeginDecoder begin = new SnapshotBeginDecoder()
                .wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            lastSequence = begin.lastSequence();
            nowMs = begin.nowMs();
            snapshotLoad = SnapshotLoad.LOADING;
            return;
        }
        if (snapshotLoad != SnapshotLoad.LOADING)
        {
            throw new IllegalStateException("snapshot record " + templateId + " outside Begin/End");
        }
        if (templateId == SnapshotEndDecoder.TEMPLATE_ID)
        {
            final SnapshotEndDecoder end = new SnapshotEndDecoder()
                .wrap(buffer, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            if (end.recordCount() != snapshotRecordsLoaded)
            {
                throw new IllegalStateException("snapshot announced " + end.recordCount() + " records, " +
                    snapshotRecordsLoaded + " arrived");
            }
            for (final Domain domain : domains)
            {
                domain.finishSnapshotLoad();
            }
            idempotencyKeys.finishSnapshotLoad();
            snapshotLoad = SnapshotLoad.DONE;
            final long hash = stateHash();
            if (hash != end.stateHash())
            {
                throw new IllegalStateException("snapshot state hash " + Long.toHexString(end.stateHash()) +
                    " but the loaded state hashes to " + Long.toHexString(hash));
            }
            return;
        }
        final Domain owner = domainTable.snapshotRecordOwner(templateId);
        if (owner != null)
        {
            owner.loadSnapshotRecord(headerDecoder, buffer, bodyOffset);
        }
        else if (IdempotencyKeys.SNAPSHOT_RECORDS.contains(templateId))
        {
            idempotencyKeys.loadSnapshotRecord(buffer, offset);
        }
        else
        {
            throw new IllegalStateException("unknown snapshot record " + templateId);
        }
        snapshotRecordsLoaded++;
    }

    /**
     * The largest result any command or query can produce under this engine's limits.
     */
    public int maxResultLength()
    {
        return Math.max(maxResultLength, MessageHeaderEncoder.ENCODED_LENGTH + 64);
    }

    /** Idempotency keys remembered now. */
    public int idempotencyKeysHeld()
    {
        return idempotencyKeys.count();
    }

    /** Idempotency keys forgotten before their time for want of room, since this engine started. */
    public long idempotencyKeysEvictedEarly()
    {
        return idempotencyKeys.evictedEarly();
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    public long nowMs()
    {
        return nowMs;
    }

    /**
     * A hash of all domain state, equal across engines that applied the same commands.
     * Walks everything: for tests, snapshots and replication checks, not the hot path.
     */
    public long stateHash()
    {
        final StateHasher hasher = new StateHasher();
        hasher.add(lastSequence).add(nowMs);
        for (final Domain domain : domains)
        {
            domain.hashInto(hasher);
        }
        idempotencyKeys.hashInto(hasher);
        return hasher.hash();
    }
}
