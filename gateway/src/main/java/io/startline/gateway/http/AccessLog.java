package io.startline.gateway.http;

import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per answered request, written off the IO threads. The IO thread that answers a request
 * copies a small record (times, status, sizes, the request id, method, path, route and error code
 * as ASCII) into a preallocated many-to-one ring and goes on: it allocates nothing here and never
 * waits. One thread of its own ({@code startline-access-log}) drains the ring and hands each line
 * to a {@link Sink}, by default the {@code startline.access} logger (so in the node's one log
 * format). It sleeps {@value #IDLE_SLEEP_MS} ms when the ring is empty: no spinning. When the ring
 * is full the line is dropped and counted ({@link #dropped()}, in /metrics), never waited for.
 */
public final class AccessLog implements AutoCloseable
{
    /** Where drained lines go: called on the access log's own thread only, one entry at a time (reused). */
    public interface Sink
    {
        void accept(Entry entry);
    }

    /** One request's line. Reused between lines: a sink copies what it keeps. */
    public static final class Entry
    {
        public long epochMs;
        public String requestId;
        public String method;
        public String path;
        public String route;
        public int status;
        /** API.md's error code, or null for an answer that is not an error. */
        public String errorCode;
        public long latencyUs;
        /** The caller's user id (the token's sub), or -1 when the request had no valid token. */
        public long userId;
        /** Body bytes of the answer. */
        public int bytes;
    }

    public static final String LOGGER = "startline.access";
    static final long IDLE_SLEEP_MS = 5;
    private static final int MSG_TYPE = 1;
    private static final int MAX_ID = 64;
    private static final int MAX_METHOD = 16;
    private static final int MAX_PATH = 512;
    private static final int MAX_ROUTE = 200;
    private static final int MAX_CODE = 64;
    private static final int FIXED = 8 + 8 + 8 + 4 + 4;
    private static final int READ_LIMIT = 256;

    private final ManyToOneRingBuffer ring;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AgentRunner runner;

    /**
     * @param ringBytes the ring's capacity, a power of two: at ~100 bytes a line, 1 MiB holds ~10,000
     *                  lines, two sleeps' worth at 1 M requests a second.
     */
    public AccessLog(final int ringBytes, final Sink sink)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS),
            ex -> LoggerFactory.getLogger(AccessLog.class).error("access log: a line could not be written", ex),
            null, new Drain(ring, sink, written));
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(task, "startline-access-log");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A sink that logs each line through SLF4J, its fields as key-values. */
    public static Sink toLogger()
    {
        final Logger log = LoggerFactory.getLogger(LOGGER);
        return entry -> log.atInfo()
            .addKeyValue("at", Instant.ofEpochMilli(entry.epochMs))
            .addKeyValue("requestId", entry.requestId)
            .addKeyValue("method", entry.method)
            .addKeyValue("path", entry.path)
            .addKeyValue("route", entry.route)
            .addKeyValue("status", entry.status)
            .addKeyValue("errorCode", entry.errorCode)
            .addKeyValue("latencyUs", entry.latencyUs)
            .addKeyValue("userId", entry.userId < 0 ? null : entry.userId)
            .addKeyValue("bytes", entry.bytes)
            .log("access");
    }

    /**
     * Queues one line; on the IO thread. Allocates nothing; a full ring drops the line and counts it.
     * Text is written as ASCII (anything else as {@code ?}) and cut at its field's bound.
     */
    void record(final String requestId, final String method, final String path, final String route,
        final int status, final String errorCode, final long latencyNs, final long userId, final int bytes)
    {
        final int idLength = length(requestId, MAX_ID);
        final int methodLength = length(method, MAX_METHOD);
        final int pathLength = length(path, MAX_PATH);
        final int routeLength = length(route, MAX_ROUTE);
        final int codeLength = length(errorCode, MAX_CODE);
        final int length = FIXED + 5 * 2 + idLength + methodLength + pathLength + routeLength + codeLength;
        final int index = ring.tryClaim(MSG_TYPE, length);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, System.currentTimeMillis());
        buffer.putLong(index + 8, latencyNs);
        buffer.putLong(index + 16, userId);
        buffer.putInt(index + 24, status);
        buffer.putInt(index + 28, bytes);
        int at = index + FIXED;
        at = put(buffer, at, requestId, idLength);
        at = put(buffer, at, method, methodLength);
        at = put(buffer, at, path, pathLength);
        at = put(buffer, at, route, routeLength);
        put(buffer, at, errorCode, codeLength);
        ring.commit(index);
    }

    private static int length(final String text, final int max)
    {
        return text == null ? 0 : Math.min(text.length(), max);
    }

    private static int put(final MutableDirectBuffer buffer, final int at, final String text, final int length)
    {
        buffer.putShort(at, (short)(text == null ? -1 : length));
        if (length > 0)
        {
            buffer.putStringWithoutLengthAscii(at + 2, text, 0, length);
        }
        return at + 2 + length;
    }

    /** Lines dropped because the ring was full. */
    public long dropped()
    {
        return dropped.get();
    }

    /** Lines handed to the sink. */
    public long written()
    {
        return written.get();
    }

    /** Stops the thread after it has written what the ring holds. */
    @Override
    public void close()
    {
        CloseHelper.close(runner);
    }

    private static final class Drain implements Agent, MessageHandler
    {
        private final ManyToOneRingBuffer ring;
        private final Sink sink;
        private final AtomicLong written;
        private final Entry entry = new Entry();
        private int at;

        Drain(final ManyToOneRingBuffer ring, final Sink sink, final AtomicLong written)
        {
            this.ring = ring;
            this.sink = sink;
            this.written = written;
        }

        @Override
        public int doWork()
        {
            return ring.read(this, READ_LIMIT);
        }

        @Override
        public void onClose()
        {
            while (ring.read(this, READ_LIMIT) > 0)
            {
                Thread.onSpinWait();
            }
        }

        @Override
        public String roleName()
        {
            return "startline-access-log";
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            entry.epochMs = buffer.getLong(index);
            entry.latencyUs = buffer.getLong(index + 8) / 1_000;
            entry.userId = buffer.getLong(index + 16);
            entry.status = buffer.getInt(index + 24);
            entry.bytes = buffer.getInt(index + 28);
            at = index + FIXED;
            entry.requestId = next(buffer);
            entry.method = next(buffer);
            entry.path = next(buffer);
            entry.route = next(buffer);
            entry.errorCode = next(buffer);
            sink.accept(entry);
            written.lazySet(written.get() + 1);
        }

        private String next(final MutableDirectBuffer buffer)
        {
            final int length = buffer.getShort(at);
            at += 2;
            if (length < 0)
            {
                return null;
            }
            final String text = buffer.getStringWithoutLengthAscii(at, length);
            at += length;
            return text;
        }
    }
}
