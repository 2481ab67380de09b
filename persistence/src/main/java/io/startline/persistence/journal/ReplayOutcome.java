package io.startline.persistence.journal;

/**
 * What one pass over the journal found.
 *
 * @param firstSequence    the first sequence the journal holds, 0 when it is empty.
 * @param lastSequence     the last whole command's sequence, 0 when it is empty.
 * @param recordsDelivered commands handed to the handler (those after the requested sequence).
 * @param droppedTailIndex the Chronicle index of a torn last document that was ignored, or -1.
 * @param droppedTailWhere where that document is, for the operator's log.
 */
public record ReplayOutcome(long firstSequence, long lastSequence, long recordsDelivered, long droppedTailIndex,
    String droppedTailWhere)
{
    public boolean droppedTornTail()
    {
        return droppedTailIndex >= 0;
    }
}
