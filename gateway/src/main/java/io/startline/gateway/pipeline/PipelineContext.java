package io.startline.gateway.pipeline;

import io.startline.persistence.EnumProperty;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

/**
 * The pipeline's settings. Every value has a default and a checked range.
 */
public final class PipelineContext
{
    public static final String RING_SIZE_PROP_NAME = "startline.ring.size";
    public static final int RING_SIZE_DEFAULT = 16_384;
    public static final String WAIT_STRATEGY_PROP_NAME = "startline.ring.wait";
    /**
     * Unless set, the wait strategy follows the layout. Fused, the one stage waits only for the
     * ring, so {@code BLOCKING} sleeps until a producer signals: the lowest latency here and no
     * spinning. Staged, Disruptor's blocking strategy would still spin on the stage in front,
     * so it backs off instead ({@code SLEEPING}: a few spins, a few yields, then a park). On
     * a 2-core machine a spinning consumer starves the others (bench/RESULTS.md).
     */
    public static final WaitStrategyKind WAIT_STRATEGY_FUSED_DEFAULT = WaitStrategyKind.BLOCKING;
    public static final WaitStrategyKind WAIT_STRATEGY_STAGED_DEFAULT = WaitStrategyKind.SLEEPING;
    public static final String STAGE_LAYOUT_PROP_NAME = "startline.pipeline.stages";
    /**
     * Fused by default: on this project's 2-core machines the fused pipeline answered claims at
     * 100,000/s with a lower p99 than the staged one (51 µs against 145 µs, medians of runs)
     * at about the same throughput (bench/RESULTS.md).
     */
    public static final StageLayout STAGE_LAYOUT_DEFAULT = StageLayout.FUSED;
    public static final String TICK_INTERVAL_MS_PROP_NAME = "startline.tick.interval.ms";
    public static final long TICK_INTERVAL_MS_DEFAULT = 100;
    public static final String SATURATION_WAIT_MS_PROP_NAME = "startline.ring.saturation.wait.ms";
    public static final long SATURATION_WAIT_MS_DEFAULT = 5;
    public static final String SNAPSHOT_INTERVAL_PROP_NAME = "startline.snapshot.interval.commands";
    public static final long SNAPSHOT_INTERVAL_COMMANDS_DEFAULT = 1_000_000;
    public static final String SNAPSHOT_DEFER_BUSY_RATE_PROP_NAME = "startline.snapshot.defer.busy.rate";
    /** A second with this many commands or more is a rush, which a periodic snapshot waits out. */
    public static final long SNAPSHOT_DEFER_BUSY_RATE_DEFAULT = 1_000;
    public static final String SNAPSHOT_DEFER_MAX_COMMANDS_PROP_NAME = "startline.snapshot.defer.max.commands";
    /** A periodic snapshot waits at most this many commands past its time. */
    public static final long SNAPSHOT_DEFER_MAX_COMMANDS_DEFAULT = 1_000_000;
    public static final String LATENCY_TARGET_MS_PROP_NAME = "startline.latency.target.ms";
    /**
     * A command the pipeline would answer later than this is refused at once (503) rather than
     * queued; 0 queues everything the ring holds. A tenth of a second: a participant notices
     * it, but does not press again.
     */
    public static final long LATENCY_TARGET_MS_DEFAULT = 100;
    public static final long LATENCY_TARGET_MS_MAX = 60_000;
    public static final int INLINE_COMMAND_BYTES_DEFAULT = 512;
    public static final int INLINE_RESULT_BYTES_DEFAULT = 512;

    private static final int RING_SIZE_MAX = 1 << 22;

    /** How ring consumers wait for work. */
    public enum WaitStrategyKind
    {
        BLOCKING, SLEEPING, YIELDING, BUSY_SPIN
    }

    /**
     * Which threads run the pipeline's stages. {@code STAGED}: one thread each, the journaller
     * and the engine side by side, which wants a core per stage. {@code FUSED}: one thread that
     * stamps, journals, applies and answers each batch in turn, for small machines where four
     * stage threads and the callers' threads would take turns for two cores.
     */
    public enum StageLayout
    {
        STAGED, FUSED
    }

    private int ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
    private StageLayout stageLayout = EnumProperty.get(STAGE_LAYOUT_PROP_NAME, StageLayout.class, STAGE_LAYOUT_DEFAULT);
    /** Null until set: then {@link #waitStrategy()} follows the layout. */
    private WaitStrategyKind waitStrategy = EnumProperty.get(WAIT_STRATEGY_PROP_NAME, WaitStrategyKind.class, null);
    private long tickIntervalMs = Long.getLong(TICK_INTERVAL_MS_PROP_NAME, TICK_INTERVAL_MS_DEFAULT);
    private long saturationWaitMs = Long.getLong(SATURATION_WAIT_MS_PROP_NAME, SATURATION_WAIT_MS_DEFAULT);
    private long snapshotIntervalCommands = Long.getLong(SNAPSHOT_INTERVAL_PROP_NAME, SNAPSHOT_INTERVAL_COMMANDS_DEFAULT);
    private long snapshotDeferBusyRate = Long.getLong(SNAPSHOT_DEFER_BUSY_RATE_PROP_NAME,
        SNAPSHOT_DEFER_BUSY_RATE_DEFAULT);
    private long snapshotDeferMaxCommands = Long.getLong(SNAPSHOT_DEFER_MAX_COMMANDS_PROP_NAME,
        SNAPSHOT_DEFER_MAX_COMMANDS_DEFAULT);
    private long latencyTargetMs = Long.getLong(LATENCY_TARGET_MS_PROP_NAME, LATENCY_TARGET_MS_DEFAULT);
    private int inlineCommandBytes = INLINE_COMMAND_BYTES_DEFAULT;
    private int inlineResultBytes = INLINE_RESULT_BYTES_DEFAULT;
    private EpochClock clock = SystemEpochClock.INSTANCE;

    public PipelineContext validate()
    {
        if (stageLayout == null)
        {
            throw new IllegalArgumentException("stageLayout must be STAGED or FUSED");
        }
        if (ringSize < 64 || ringSize > RING_SIZE_MAX || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize must be a power of two in [64, " + RING_SIZE_MAX + "]: " +
                ringSize);
        }
        if (tickIntervalMs < 0 || tickIntervalMs > 60_000)
        {
            throw new IllegalArgumentException("tickIntervalMs must be in [0 (off), 60000]: " + tickIntervalMs);
        }
        if (saturationWaitMs < 0 || saturationWaitMs > 10_000)
        {
            throw new IllegalArgumentException("saturationWaitMs must be in [0, 10000]: " + saturationWaitMs);
        }
        if (snapshotIntervalCommands < 0)
        {
            throw new IllegalArgumentException("snapshotIntervalCommands must be 0 (on demand only) or more: " +
                snapshotIntervalCommands);
        }
        if (snapshotDeferBusyRate < 0 || snapshotDeferMaxCommands < 0)
        {
            throw new IllegalArgumentException("snapshotDeferBusyRate (0: never defer) and snapshotDeferMaxCommands " +
                "must be 0 or more: " + snapshotDeferBusyRate + ", " + snapshotDeferMaxCommands);
        }
        if (latencyTargetMs < 0 || latencyTargetMs > LATENCY_TARGET_MS_MAX)
        {
            throw new IllegalArgumentException("latencyTargetMs must be in [0 (off), " + LATENCY_TARGET_MS_MAX + "]: " +
                latencyTargetMs);
        }
        if (inlineCommandBytes < 64 || inlineResultBytes < 64)
        {
            throw new IllegalArgumentException("inline command and result space must be at least 64 bytes");
        }
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public PipelineContext ringSize(final int size)
    {
        ringSize = size;
        return this;
    }

    public StageLayout stageLayout()
    {
        return stageLayout;
    }

    public PipelineContext stageLayout(final StageLayout layout)
    {
        stageLayout = layout;
        return this;
    }

    /** The wait strategy set, or the default of the configured layout. */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategyFor(stageLayout);
    }

    /** The wait strategy set, or the default of the layout the pipeline runs in. */
    public WaitStrategyKind waitStrategyFor(final StageLayout layout)
    {
        if (waitStrategy != null)
        {
            return waitStrategy;
        }
        return layout == StageLayout.FUSED ? WAIT_STRATEGY_FUSED_DEFAULT : WAIT_STRATEGY_STAGED_DEFAULT;
    }

    public PipelineContext waitStrategy(final WaitStrategyKind kind)
    {
        waitStrategy = kind;
        return this;
    }

    public long tickIntervalMs()
    {
        return tickIntervalMs;
    }

    /** How long the ring may sit idle before a Tick is injected; 0 injects none (tests that stamp time by hand). */
    public PipelineContext tickIntervalMs(final long intervalMs)
    {
        tickIntervalMs = intervalMs;
        return this;
    }

    public long saturationWaitMs()
    {
        return saturationWaitMs;
    }

    /** How long a producer waits for room in a full ring before it is told the node is saturated. */
    public PipelineContext saturationWaitMs(final long waitMs)
    {
        saturationWaitMs = waitMs;
        return this;
    }

    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /** Commands a second from which a periodic snapshot waits for the rush to pass; 0 never waits. */
    public long snapshotDeferBusyRate()
    {
        return snapshotDeferBusyRate;
    }

    public PipelineContext snapshotDeferBusyRate(final long commandsPerSecond)
    {
        snapshotDeferBusyRate = commandsPerSecond;
        return this;
    }

    /** How many commands past its time a periodic snapshot may wait for a rush to pass. */
    public long snapshotDeferMaxCommands()
    {
        return snapshotDeferMaxCommands;
    }

    public PipelineContext snapshotDeferMaxCommands(final long commands)
    {
        snapshotDeferMaxCommands = commands;
        return this;
    }

    public PipelineContext snapshotIntervalCommands(final long commands)
    {
        snapshotIntervalCommands = commands;
        return this;
    }

    public long latencyTargetMs()
    {
        return latencyTargetMs;
    }

    /** The answer time the pipeline keeps by refusing what it could not answer within it; 0 refuses nothing. */
    public PipelineContext latencyTargetMs(final long targetMs)
    {
        latencyTargetMs = targetMs;
        return this;
    }

    public int inlineCommandBytes()
    {
        return inlineCommandBytes;
    }

    public int inlineResultBytes()
    {
        return inlineResultBytes;
    }

    public EpochClock clock()
    {
        return clock;
    }

    /** Where command timestamps come from; tests stamp their own. */
    public PipelineContext clock(final EpochClock epochClock)
    {
        clock = epochClock;
        return this;
    }
}
