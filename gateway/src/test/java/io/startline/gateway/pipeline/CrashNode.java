package io.startline.gateway.pipeline;

import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.startline.engine.testkit.EngineDriver;
import io.startline.persistence.PersistenceContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The node as the crash test runs it, in its own JVM: the real pipeline on a data directory,
 * spoken to over stdin/stdout. Requests are {@code [i64 id][i32 length][message]}; answers,
 * written only when the responder has the result (so only once journaled), are
 * {@code [i64 id][i64 sequence][i32 length][result]}. A refused submission is answered with
 * sequence -1. Logs go to stderr.
 */
public final class CrashNode
{
    public static final long READY_ID = -1;

    private CrashNode()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path dataDir = Path.of(args[0]);
        final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
        final Pipeline pipeline = Pipeline.start(
            new PipelineContext().ringSize(4096).tickIntervalMs(50).snapshotIntervalCommands(1_500)
                .snapshotDeferBusyRate(0),
            new PersistenceContext().dataDir(dataDir), EngineDriver.smallContext().maxVouchers(1 << 16));
        answer(out, READY_ID, 0, new UnsafeBuffer(new byte[0]), 0, 0);

        final DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64 * 1024]);
        while (true)
        {
            final long id;
            final int length;
            try
            {
                id = in.readLong();
                length = in.readInt();
                in.readFully(message.byteArray(), 0, length);
            }
            catch (final EOFException ex)
            {
                break;
            }
            final SubmitStatus status = pipeline.submit(message, 0, length,
                (sequence, timestampMs, result, offset, resultLength) -> answer(out, id, sequence, result, offset,
                    resultLength));
            if (status != SubmitStatus.ACCEPTED)
            {
                answer(out, id, -1, message, 0, 0);
            }
        }
        pipeline.close();
    }

    private static void answer(final DataOutputStream out, final long id, final long sequence,
        final org.agrona.DirectBuffer result, final int offset, final int length)
    {
        synchronized (out)
        {
            try
            {
                out.writeLong(id);
                out.writeLong(sequence);
                out.writeInt(length);
                for (int i = 0; i < length; i++)
                {
                    out.writeByte(result.getByte(offset + i));
                }
                out.flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
