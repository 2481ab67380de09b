package io.startline.persistence.journal;

/**
 * What one pass over the journal found.
 *
 * @param firstSequence    the first sequence the journal holds, 0 when it is empty.
 * @param lastSequence     the last whole command's sequence, 0 when it is empty.
 * @param recordsDelivered commands handed to the handler (those after the requested sequence).
 * @param droppedTailIndex the Chronicle index of a torn last document that was ignored, or -1.
 * @param droppedTailWhere where that document is, for the operator's log.
 * @param truncatedFromIndex under sync NONE, the first document of power-loss damage past what was
 *                         forced to disk: the journal is to be cut there ({@code Journal#truncateFrom}); or -1.
 * @param truncatedWhere   where that document is, for the operator's log.
 */
public record ReplayOutcome(long firstSequence, long lastSequence, long recordsDelivered, long droppedTailIndex,
    String droppedTailWhere, long truncatedFromIndex, String truncatedWhere)
{
    public boolean droppedTornTail()
    {
        return droppedTailIndex >= 0;
    }

    public boolean truncated()
    {
        return truncatedFromIndex >= 0;
    }
}
