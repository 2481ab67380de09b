package io.startline.persistence.recovery;

import io.startline.engine.Engine;
import io.startline.persistence.snapshot.SnapshotStore;

/**
 * What start-up recovered.
 *
 * @param snapshot         the snapshot it started from, or null for the whole journal.
 * @param replayedCommands journaled commands applied after the snapshot.
 * @param droppedTornTail  whether a torn last journal document was dropped.
 * @param journalCut       under sync NONE, what a cut of the journal at power-loss damage lost and
 *                         where the damaged journal was kept; null when the journal was whole.
 */
public record RecoveredEngine(Engine engine, SnapshotStore.SnapshotFile snapshot, long replayedCommands,
    long elapsedMs, boolean droppedTornTail, String journalCut)
{
}
