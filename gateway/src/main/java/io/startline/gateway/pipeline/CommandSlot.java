package io.startline.gateway.pipeline;

import io.startline.gateway.link.ResultListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One ring entry, preallocated and reused: the command as submitted, the sequence and time
 * the sequencer gives it, and the result the engine writes. Commands and results that do
 * not fit the inline space get their own array, which only large admin commands and big
 * query pages need.
 */
final class CommandSlot
{
    static final byte KIND_COMMAND = 1;
    static final byte KIND_QUERY = 2;

    final byte[] inlineCommand;
    final byte[] inlineResult;
    final UnsafeBuffer command = new UnsafeBuffer(new byte[0]);
    final UnsafeBuffer result = new UnsafeBuffer(new byte[0]);
    byte kind;
    int commandLength;
    int resultLength;
    long sequence;
    long timestampMs;
    int flags;
    /** When the producer put it in the ring ({@link System#nanoTime()}), for the ring's wait times. */
    long enqueuedNs;
    ResultListener listener;

    CommandSlot(final int inlineCommandBytes, final int inlineResultBytes)
    {
        inlineCommand = new byte[inlineCommandBytes];
        inlineResult = new byte[inlineResultBytes];
    }

    void copyCommand(final DirectBuffer source, final int offset, final int length)
    {
        command.wrap(length <= inlineCommand.length ? inlineCommand : new byte[length]);
        source.getBytes(offset, command, 0, length);
        commandLength = length;
    }

    void copyResult(final DirectBuffer source, final int offset, final int length)
    {
        result.wrap(length <= inlineResult.length ? inlineResult : new byte[length]);
        source.getBytes(offset, result, 0, length);
        resultLength = length;
    }

    boolean isJournaled()
    {
        return kind == KIND_COMMAND;
    }

    void clear()
    {
        listener = null;
        command.wrap(inlineCommand);
        result.wrap(inlineResult);
    }
}
