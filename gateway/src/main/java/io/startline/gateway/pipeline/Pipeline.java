package io.startline.gateway.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.startline.gateway.link.EngineLink;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.engine.CommandShape;
import io.startline.engine.Engine;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TickEncoder;
import io.startline.engine.domain.TemplateIds;
import io.startline.engine.support.SnapshotSchedule;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.StorageFaults;
import io.startline.persistence.journal.Journal;
import io.startline.persistence.recovery.RecoveredEngine;
import io.startline.persistence.recovery.Recovery;
import io.startline.persistence.snapshot.SnapshotStore;
import io.startline.persistence.snapshot.Snapshotter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The single node's heart: a multi-producer Disruptor ring and four stages.
 * <pre>
 *   producers ─► sequencer ─┬─► journaller ─┬─► responder
 *                           └─► engine ─────┘
 * </pre>
 * The sequencer stamps sequence and time; the journaller and the engine run side by side; the
 * responder answers a caller only once both are done with its command. Laid out
 * {@link PipelineContext.StageLayout#FUSED}, the same four stages run one after another on one
 * thread, a batch at a time ({@link FusedStage}). Queries take the same path but are not
 * journaled. An idle ring gets a Tick so deadlines fire.
 * <p>
 * Start-up recovers the engine from the data directory first: the newest good snapshot and
 * the journal after it.
 */
public final class Pipeline implements AutoCloseable, EngineLink
{
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long SATURATION_BACKOFF_NS = 20_000;
    private static final long SHUTDOWN_DRAIN_TIMEOUT_MS = 30_000;
    private static final long DRAIN_CHECK_NS = 100_000;

    private final PipelineContext context;
    private final Journal journal;
    private final RecoveredEngine recovered;
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final Sequencer sequencer;
    private final Journaller journaller;
    private final StorageFaults storageFaults;
    private final EngineStage engineStage;
    private final Snapshotter snapshotter;
    private final Admission admission;
    private final Responder responder;
    private final FusedStage fusedStage;
    /** The stage that answers callers: the responder, or the fused stage that runs it. */
    private final EventHandler<CommandSlot> answeringStage;
    /** Submitters are many threads; a shape check keeps decoders, so one each. */
    private static final ThreadLocal<CommandShape> COMMAND_SHAPES = ThreadLocal.withInitial(CommandShape::new);

    private final StageThreads stageThreads;
    private final ScheduledExecutorService ticker;
    private final UnsafeBuffer tickCommand;
    private final AtomicInteger submittersInside = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long saturationWaitNs;
    private final int maxCommandBytes;
    private final long startSequence;
    private volatile boolean accepting = true;
    private volatile Throwable fault;

    private Pipeline(final PipelineContext context, final PersistenceContext persistence, final EngineContext engineContext)
    {
        this.context = context.validate();
        persistence.validate();
        saturationWaitNs = TimeUnit.MILLISECONDS.toNanos(context.saturationWaitMs());
        maxCommandBytes = persistence.maxCommandBytes();
        admission = new Admission(context.latencyTargetMs());
        responder = new Responder(admission);
        final PipelineContext.StageLayout layout = context.stageLayout();
        final boolean fused = layout == PipelineContext.StageLayout.FUSED;
        stageThreads = new StageThreads(fused ? new String[]{"startline-pipeline"} :
            new String[]{"startline-sequencer", "startline-journaller", "startline-engine", "startline-responder"});
        final EmptyEngines emptyEngines = new EmptyEngines(engineContext);
        storageFaults = persistence.storageFaults();
        journal = new Journal(persistence);
        final SnapshotStore snapshots = new SnapshotStore(persistence.snapshotDir());
        recovered = Recovery.recover(persistence, journal, snapshots, emptyEngines);
        final Engine engine = recovered.engine();
        startSequence = engine.lastSequence();
        final long startTimestampMs = engine.lastSequence() == 0 ? Long.MIN_VALUE : engine.nowMs();

        disruptor = new Disruptor<>(() -> new CommandSlot(context.inlineCommandBytes(), context.inlineResultBytes()),
            context.ringSize(), stageThreads, ProducerType.MULTI, waitStrategy(context.waitStrategyFor(layout)));
        sequencer = new Sequencer(context.clock(), new SnapshotSchedule(context.snapshotIntervalCommands(),
            context.snapshotDeferBusyRate(), context.snapshotDeferMaxCommands()), engine.lastSequence(), startTimestampMs);
        journaller = new Journaller(journal, engine.lastSequence(), persistence.storageFaults(), () -> accepting);
        snapshotter = new Snapshotter(persistence, snapshots, journal);
        engineStage = new EngineStage(engine, ringSequence -> ring().get(ringSequence), snapshotter,
            fused ? () -> fusedStage().journaledRingSequence() : () -> disruptor.getSequenceValueFor(journaller));
        if (fused)
        {
            fusedStage = new FusedStage(sequencer, journaller, engineStage, responder,
                ringSequence -> ring().get(ringSequence));
            disruptor.handleEventsWith(fusedStage);
            stopOnFault(fusedStage);
            answeringStage = fusedStage;
        }
        else
        {
            fusedStage = null;
            disruptor.handleEventsWith(sequencer).then(journaller, engineStage).then(responder);
            stopOnFault(sequencer, journaller, engineStage, responder);
            answeringStage = responder;
        }
        ring = disruptor.start();

        final int tickLength = MessageHeaderEncoder.ENCODED_LENGTH + new TickEncoder()
            .wrapAndApplyHeader(new UnsafeBuffer(new byte[64]), 0, new MessageHeaderEncoder()).encodedLength();
        tickCommand = new UnsafeBuffer(new byte[tickLength]);
        new TickEncoder().wrapAndApplyHeader(tickCommand, 0, new MessageHeaderEncoder());
        ticker = context.tickIntervalMs() == 0 ? null : startTicker(context.tickIntervalMs());
        LOG.info("pipeline: started at sequence {} (ring {}, {} stages, wait {}, sync {}, snapshot every {} commands)",
            engine.lastSequence(), context.ringSize(), fused ? "fused" : "staged", context.waitStrategyFor(layout),
            persistence.syncPolicy(), context.snapshotIntervalCommands());
    }

    /**
     * Recovers the engine from {@link PersistenceContext#dataDir()} and starts the stages.
     */
    public static Pipeline start(final PipelineContext context, final PersistenceContext persistence,
        final EngineContext engineContext)
    {
        return new Pipeline(context, persistence, engineContext);
    }

    private RingBuffer<CommandSlot> ring()
    {
        return ring;
    }

    private FusedStage fusedStage()
    {
        return fusedStage;
    }

    /**
     * Offers one encoded command or query. Never blocks for longer than the saturation wait.
     * The listener hears the result on the responder thread, after the command is journaled.
     */
    @Override
    public SubmitStatus submit(final DirectBuffer message, final int offset, final int length,
        final ResultListener listener)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
            (message.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF) !=
            MessageHeaderDecoder.SCHEMA_ID)
        {
            return SubmitStatus.MALFORMED;
        }
        if (length > maxCommandBytes)
        {
            return SubmitStatus.TOO_LARGE;
        }
        if (!COMMAND_SHAPES.get().isWellFormed(message, offset, length))
        {
            return SubmitStatus.MALFORMED;
        }
        submittersInside.incrementAndGet();
        try
        {
            if (!accepting)
            {
                return fault != null ? SubmitStatus.FAILED : SubmitStatus.CLOSED;
            }
            if (!admission.admits(ringOccupancy()))
            {
                return SubmitStatus.OVER_LATENCY_TARGET;
            }
            final boolean query = TemplateIds.isQuery(message, offset);
            final long ringSequence = claim();
            if (ringSequence < 0)
            {
                return SubmitStatus.SATURATED;
            }
            final CommandSlot slot = ring.get(ringSequence);
            slot.kind = query ? CommandSlot.KIND_QUERY : CommandSlot.KIND_COMMAND;
            slot.copyCommand(message, offset, length);
            slot.listener = listener;
            slot.enqueuedNs = System.nanoTime();
            ring.publish(ringSequence);
            return SubmitStatus.ACCEPTED;
        }
        finally
        {
            submittersInside.decrementAndGet();
        }
    }

    @Override
    public int maxCommandBytes()
    {
        return maxCommandBytes;
    }

    /** The single node never re-sends a command, so a write needs no key of the gateway's. */
    @Override
    public boolean keysEveryWrite()
    {
        return false;
    }

    /** The last command known to be in the journal. */
    public long journaledSequence()
    {
        return journaller.journaledSequence();
    }

    /**
     * Stops taking submissions, lets every accepted one through to its answer, then closes
     * the journal. Idempotent.
     */
    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        accepting = false;
        if (ticker != null)
        {
            ticker.shutdownNow();
        }
        while (submittersInside.get() != 0)
        {
            Thread.onSpinWait();
        }
        drain();
        disruptor.halt();
        stageThreads.joinAll(SHUTDOWN_DRAIN_TIMEOUT_MS);
        forceJournalOnStop();
        journal.close();
        LOG.info("pipeline: stopped at sequence {}, journaled {}", engineStage.appliedSequence(),
            journaller.journaledSequence());
    }

    /**
     * A node that stops cleanly leaves its whole journal on disk and says so ({@code ForcedMark}):
     * under sync NONE, damage found at the next start is then never taken for a power loss.
     */
    private void forceJournalOnStop()
    {
        try
        {
            journal.force(journaller.journaledSequence());
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("pipeline: cannot force the journal to disk on stopping: {}", ex.toString());
        }
    }

    /**
     * Waits until the responder has answered everything published. Disruptor's own shutdown
     * only counts stages whose threads are already running, so a close right after start
     * could halt them before they took the first command.
     */
    private void drain()
    {
        final long published = ring.getCursor();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_DRAIN_TIMEOUT_MS);
        while (disruptor.getSequenceValueFor(answeringStage) < published)
        {
            if (fault != null || System.nanoTime() - deadlineNs >= 0)
            {
                LOG.error("pipeline: {} accepted commands were not answered before halting",
                    published - disruptor.getSequenceValueFor(answeringStage));
                return;
            }
            LockSupport.parkNanos(DRAIN_CHECK_NS);
        }
    }

    /** The sequence the node started at: 0 for an empty data directory. */
    public long startSequence()
    {
        return startSequence;
    }

    public RecoveredEngine recovered()
    {
        return recovered;
    }

    /** The engine; read it only once the pipeline is closed, or from a listener (the engine thread is then busy). */
    public Engine engineAfterClose()
    {
        return recovered.engine();
    }

    public long appliedSequence()
    {
        return engineStage.appliedSequence();
    }

    /** Idempotency keys the engine remembers, as of its last batch. */
    /** The newest snapshot written (periodic or asked for), or found at start; null when none. */
    public Snapshotter.Taken lastSnapshot()
    {
        return snapshotter.last();
    }

    /** Snapshots this node wrote since it started. */
    public long snapshotsTaken()
    {
        return snapshotter.taken();
    }

    public long idempotencyKeysHeld()
    {
        return engineStage.idempotencyKeysHeld();
    }

    /** Idempotency keys the engine forgot before their time for want of room, since it started. */
    public long idempotencyKeysEvictedEarly()
    {
        return engineStage.idempotencyKeysEvictedEarly();
    }

    /** Slots taken and not yet answered. */
    public long ringOccupancy()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /** How long commands waited in the ring before the engine took them. */
    public RingWait ringWait()
    {
        return engineStage.ringWait();
    }

    /** Commands refused since start because the pipeline would have answered them later than its latency target. */
    public long refusedOverLatencyTarget()
    {
        return admission.refused();
    }

    /** The smoothed time the pipeline spends on a command, which admission control multiplies by the backlog. */
    public long serviceNsPerCommand()
    {
        return admission.serviceNsPerCommand();
    }

    /** What the journal and snapshot writes are failing at now, and how often they have failed. */
    public StorageFaults storageFaults()
    {
        return storageFaults;
    }

    /** The fault that stopped a stage, or null while the pipeline is healthy. */
    public Throwable fault()
    {
        return fault;
    }

    private long claim()
    {
        final long deadline = System.nanoTime() + saturationWaitNs;
        while (true)
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    return -1;
                }
                LockSupport.parkNanos(SATURATION_BACKOFF_NS);
            }
        }
    }

    private ScheduledExecutorService startTicker(final long intervalMs)
    {
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "startline-ticker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() ->
        {
            if (accepting && context.clock().time() - sequencer.lastStampedMs() >= intervalMs)
            {
                submitTick();
            }
        }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return executor;
    }

    private void submitTick()
    {
        final long ringSequence;
        try
        {
            ringSequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return;
        }
        final CommandSlot slot = ring.get(ringSequence);
        slot.kind = CommandSlot.KIND_COMMAND;
        slot.copyCommand(tickCommand, 0, tickCommand.capacity());
        slot.listener = null;
        slot.enqueuedNs = System.nanoTime();
        ring.publish(ringSequence);
    }

    private static WaitStrategy waitStrategy(final PipelineContext.WaitStrategyKind kind)
    {
        return switch (kind)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /**
     * A stage that throws has met a broken invariant (a journal write failed, the engine saw
     * time go back). Carrying on could acknowledge what is not journaled, so the stage stops,
     * the pipeline refuses new work, and the fault is logged and kept for /health.
     */
    private final class StopOnFault implements ExceptionHandler<CommandSlot>
    {
        private final EventHandler<CommandSlot> stage;

        StopOnFault(final EventHandler<CommandSlot> stage)
        {
            this.stage = stage;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandSlot event)
        {
            fault = ex;
            accepting = false;
            LOG.error("pipeline: a stage failed at ring sequence {}; the node stops taking commands", sequence, ex);
            answerInFlightAfterFault(disruptor.getSequenceValueFor(stage) + 1);
            throw new IllegalStateException("pipeline stage failed", ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            fault = ex;
            accepting = false;
            LOG.error("pipeline: a stage failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("pipeline: a stage failed to shut down cleanly", ex);
        }
    }

    @SafeVarargs
    private void stopOnFault(final EventHandler<CommandSlot>... stages)
    {
        for (final EventHandler<CommandSlot> stage : stages)
        {
            disruptor.handleExceptionsFor(stage).with(new StopOnFault(stage));
        }
    }

    /**
     * Tells every caller still in the ring that the node stopped, so none waits for an answer that
     * cannot come. Runs on the failed stage's thread, once no producer is inside submit. A stage
     * publishes its sequence at the end of a batch, and the one that failed never will again, so
     * every slot past its last finished batch is unanswered for good (the responder follows every
     * stage) and this thread's alone; every slot up to it is the responder's to answer.
     */
    private void answerInFlightAfterFault(final long from)
    {
        while (submittersInside.get() != 0)
        {
            Thread.onSpinWait();
        }
        final long to = ring.getCursor();
        int answered = 0;
        for (long ringSequence = from; ringSequence <= to; ringSequence++)
        {
            final CommandSlot slot = ring.get(ringSequence);
            final ResultListener listener = slot.listener;
            slot.listener = null;
            if (listener != null)
            {
                answered++;
                try
                {
                    listener.onStopped();
                }
                catch (final RuntimeException ex)
                {
                    LOG.error("pipeline: a caller could not be told of the fault at ring sequence {}", ringSequence, ex);
                }
            }
        }
        LOG.error("pipeline: told {} callers in flight that the node stopped", answered);
    }

    /** Names the stage threads, and keeps them so closing can wait for them to finish. */
    private static final class StageThreads implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final String[] names;

        /** @param names the stages' names, in the order the Disruptor starts them. */
        StageThreads(final String[] names)
        {
            this.names = names;
        }

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final int n = count.getAndIncrement();
            final Thread thread = new Thread(runnable, n < names.length ? names[n] : "startline-stage-" + n);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }

        /** Waits for every halted stage to run its shutdown (the journaller closes its writer there). */
        void joinAll(final long timeoutMs)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (final Thread thread : threads)
            {
                try
                {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
