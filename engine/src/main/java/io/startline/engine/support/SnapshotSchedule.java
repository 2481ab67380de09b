package io.startline.engine.support;

/**
 * When a periodic snapshot is due: every {@code intervalCommands} commands, but not in the middle
 * of a rush. A snapshot holds the engine still while it is written (a quarter of a second at two
 * million vouchers), and a rush is exactly when nobody should wait that long; so while the last
 * whole second or the current one carried {@code busyCommandsPerSecond} commands or more, the
 * snapshot waits, for at most {@code maxDeferredCommands} more commands. Past that it is taken
 * anyway: recovery time stays bounded. A snapshot asked for on demand is never deferred.
 * <p>
 * Pure: time comes in with each command, so the same commands at the same times give the same
 * snapshots.
 */
public final class SnapshotSchedule
{
    private static final long WINDOW_MS = 1_000;

    private final long intervalCommands;
    private final long busyCommandsPerSecond;
    private final long maxDeferredCommands;
    private long commandsSinceSnapshot;
    /** The second ({@code nowMs / 1000}) being counted. */
    private long currentWindow = Long.MIN_VALUE;
    private long commandsInWindow;
    private long commandsInPreviousWindow;

    /**
     * @param intervalCommands      commands between snapshots; 0 for none but on demand.
     * @param busyCommandsPerSecond from this rate on a snapshot waits; 0 never waits.
     * @param maxDeferredCommands   how many commands past its time a snapshot may wait.
     */
    public SnapshotSchedule(final long intervalCommands, final long busyCommandsPerSecond,
        final long maxDeferredCommands)
    {
        if (intervalCommands < 0 || busyCommandsPerSecond < 0 || maxDeferredCommands < 0)
        {
            throw new IllegalArgumentException("snapshot interval, busy rate and deferral must be 0 or more");
        }
        this.intervalCommands = intervalCommands;
        this.busyCommandsPerSecond = busyCommandsPerSecond;
        this.maxDeferredCommands = maxDeferredCommands;
    }

    /** Counts one command at {@code nowMs}; true when a periodic snapshot is due after it. */
    public boolean onCommand(final long nowMs)
    {
        countInWindow(nowMs);
        if (intervalCommands == 0 || ++commandsSinceSnapshot < intervalCommands)
        {
            return false;
        }
        return !isBusy() || commandsSinceSnapshot >= intervalCommands + maxDeferredCommands;
    }

    /** A snapshot was taken (due, or asked for): the count starts again. */
    public void onSnapshot()
    {
        commandsSinceSnapshot = 0;
    }

    public long commandsSinceSnapshot()
    {
        return commandsSinceSnapshot;
    }

    private void countInWindow(final long nowMs)
    {
        final long window = Math.floorDiv(nowMs, WINDOW_MS);
        if (window != currentWindow)
        {
            commandsInPreviousWindow = window == currentWindow + 1 ? commandsInWindow : 0;
            commandsInWindow = 0;
            currentWindow = window;
        }
        commandsInWindow++;
    }

    private boolean isBusy()
    {
        return busyCommandsPerSecond > 0 &&
            (commandsInWindow >= busyCommandsPerSecond || commandsInPreviousWindow >= busyCommandsPerSecond);
    }
}
