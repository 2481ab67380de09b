package io.startline.persistence.recovery;

import io.startline.engine.Engine;
import io.startline.persistence.snapshot.SnapshotStore;

/**
 * What start-up recovered.
 *
 * @param snapshot         the snapshot it started from, or null for the whole journal.
 * @param replayedCommands journaled commands applied after the snapshot.
 * @param droppedTornTail  whether a torn last journal document was dropped.
 */
public record RecoveredEngine(Engine engine, SnapshotStore.SnapshotFile snapshot, long replayedCommands,
    long elapsedMs, boolean droppedTornTail)
{
}
