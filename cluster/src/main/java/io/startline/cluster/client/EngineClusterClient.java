package io.startline.cluster.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.startline.cluster.service.EngineService;
import io.startline.engine.codec.ClusterRequestEncoder;
import io.startline.engine.codec.ClusterResponseDecoder;
import io.startline.engine.codec.IdempotentDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.TakeSnapshotDecoder;
import io.startline.engine.codec.TickDecoder;
import io.startline.engine.domain.TemplateIds;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's session with the cluster. Any thread may {@link #submit} a command or query; one
 * thread of the client's own sends them, reads the answers, and hands each to its handler.
 * <p>
 * Every request stays in flight until its answer arrives or its deadline passes, and is sent
 * again when the leader changes, when the session is lost and made anew, and when it has waited
 * a third of its deadline (the leader may have dropped its answer for a gateway that fell
 * behind). That is safe because only requests that may be applied twice are taken: queries, and
 * commands wrapped with an idempotency key, which the engine's replicated key table answers with
 * their first result. A request whose deadline passes is handed back as unanswered, saying
 * whether it was ever offered to a leader (then it may have taken effect, and the caller retries
 * with the same key to learn its one outcome).
 */
public final class EngineClusterClient implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineClusterClient.class);
    /** Aeron Cluster's session header on every ingress message. */
    private static final int SESSION_HEADER_BYTES = AeronCluster.SESSION_HEADER_LENGTH;
    private static final int REQUEST_PREFIX_BYTES =
        MessageHeaderEncoder.ENCODED_LENGTH + ClusterRequestEncoder.BLOCK_LENGTH;
    private static final long KEEP_ALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long RECONNECT_DELAY_MIN_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /** A refused or unreachable cluster is asked again less and less often, up to this. */
    private static final long RECONNECT_DELAY_MAX_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long RESEND_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Told the fate of one request, on the client's thread: copy what you keep, do not block. */
    public interface ReplyHandler
    {
        /**
         * @param sequence the command's engine sequence; 0 for a query.
         * @param memberId the member that answered, the leader of {@code leadershipTermId}.
         */
        void onReply(long sequence, long timestampMs, long leadershipTermId, int memberId, DirectBuffer result,
            int offset, int length);

        /**
         * No answer came before the deadline.
         *
         * @param sent whether the request was offered to a leader's ingress at least once: if so it may
         *             have taken effect.
         */
        void onUnanswered(boolean sent);
    }

    /** What became of a submission. Only {@link #ACCEPTED} is followed by the handler being told. */
    public enum Submitted
    {
        ACCEPTED,
        /** The queue to the client's thread is full: nothing was taken. */
        FULL,
        /** Larger than the ingress channel carries. */
        TOO_LARGE,
        /** A command that is not safe to send twice: it has no idempotency key. */
        NOT_RESEND_SAFE,
        CLOSED
    }

    private static final class Request
    {
        final byte[] message;
        final ReplyHandler handler;
        final long deadlineNs;
        long correlationId;
        long lastSentNs;
        boolean sent;
        /** In {@link #toSend} now: a request is queued once however many reasons there are to send it. */
        boolean queued;
        boolean finished;

        Request(final byte[] message, final ReplyHandler handler, final long deadlineNs)
        {
            this.message = message;
            this.handler = handler;
            this.deadlineNs = deadlineNs;
        }
    }

    private final ClusterClientContext context;
    private final int maxCommandBytes;
    private final long resendAfterNs;
    private final MediaDriver embeddedDriver;
    private final Aeron aeron;
    private final ManyToOneConcurrentArrayQueue<Request> submissions;
    private final Thread thread;
    private volatile boolean running = true;

    private final Long2ObjectHashMap<Request> inFlight = new Long2ObjectHashMap<>();
    private final ArrayDeque<Request> toSend = new ArrayDeque<>();
    private final ArrayDeque<Request> byDeadline = new ArrayDeque<>();
    private final UnsafeBuffer outgoing;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ClusterRequestEncoder requestEncoder = new ClusterRequestEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ClusterResponseDecoder responseDecoder = new ClusterResponseDecoder();
    private final Listener listener = new Listener();
    private AeronCluster cluster;
    private AeronCluster.AsyncConnect connecting;
    private long nextCorrelationId = 1;
    private long reconnectAtNs;
    private long reconnectDelayNs = RECONNECT_DELAY_MIN_NS;
    private long lastSendNs;
    private long lastConnectErrorLogNs;
    private long nextResendCheckNs;

    private volatile boolean connected;
    private volatile int leaderMemberId = -1;
    private volatile long leadershipTermId = -1;
    private volatile String connectError = "not connected yet";
    private volatile long requestsSent;
    private volatile long requestsResent;
    private volatile long requestsUnanswered;
    private volatile long sessionsOpened;
    private volatile long lastOfferResult;
    private volatile int requestsInFlight;

    public EngineClusterClient(final ClusterClientContext context)
    {
        this.context = context.validate();
        maxCommandBytes = context.termLength() / 8 - SESSION_HEADER_BYTES - REQUEST_PREFIX_BYTES;
        resendAfterNs = TimeUnit.MILLISECONDS.toNanos(context.requestTimeoutMs()) / 3;
        outgoing = new UnsafeBuffer(new byte[REQUEST_PREFIX_BYTES + maxCommandBytes]);
        submissions = new ManyToOneConcurrentArrayQueue<>(context.queueCapacity());
        embeddedDriver = context.aeronDir() == null ? MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(context.termLength())
            .ipcTermBufferLength(context.termLength())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(ex -> LOG.warn("cluster client's media driver: {}", ex.toString()))) : null;
        final String aeronDir = embeddedDriver != null ? embeddedDriver.aeronDirectoryName() :
            context.aeronDir().toString();
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(ex -> LOG.warn("cluster client: {}", ex.toString())));
        thread = new Thread(this::run, "startline-cluster-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** The largest command {@link #submit} takes. */
    public int maxCommandBytes()
    {
        return maxCommandBytes;
    }

    /**
     * Hands a command or query to the client's thread; {@code handler} is told its answer, or that none came.
     */
    public Submitted submit(final DirectBuffer message, final int offset, final int length, final ReplyHandler handler)
    {
        if (!running)
        {
            return Submitted.CLOSED;
        }
        if (length > maxCommandBytes)
        {
            return Submitted.TOO_LARGE;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || !isResendSafe(message, offset))
        {
            return Submitted.NOT_RESEND_SAFE;
        }
        final byte[] copy = new byte[length];
        message.getBytes(offset, copy);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.requestTimeoutMs());
        return submissions.offer(new Request(copy, handler, deadlineNs)) ? Submitted.ACCEPTED : Submitted.FULL;
    }

    /** Queries, keyed commands, and the commands that change nothing when applied twice (a tick, a snapshot). */
    static boolean isResendSafe(final DirectBuffer message, final int offset)
    {
        final int templateId = TemplateIds.templateId(message, offset);
        return TemplateIds.isQuery(templateId) || templateId == IdempotentDecoder.TEMPLATE_ID ||
            templateId == TickDecoder.TEMPLATE_ID || templateId == TakeSnapshotDecoder.TEMPLATE_ID;
    }

    public boolean isConnected()
    {
        return connected;
    }

    /** The leader this gateway talks to, -1 while it has none. */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    public long leadershipTermId()
    {
        return leadershipTermId;
    }

    /** Why the client is not connected, when it is not: the last connect attempt's failure. */
    public String connectError()
    {
        return connectError;
    }

    public long requestsSent()
    {
        return requestsSent;
    }

    public long requestsResent()
    {
        return requestsResent;
    }

    public long requestsUnanswered()
    {
        return requestsUnanswered;
    }

    public long sessionsOpened()
    {
        return sessionsOpened;
    }

    /** Requests waiting for their answer, as of the client thread's last turn. */
    public int requestsInFlight()
    {
        return requestsInFlight;
    }

    /** The last ingress offer's result: a position, or why it failed ({@code Publication.errorString}). */
    public String lastOfferResult()
    {
        final long result = lastOfferResult;
        return result >= 0 ? "ok" : Publication.errorString(result);
    }

    private void run()
    {
        final BackoffIdleStrategy idle = idleStrategy();
        while (running)
        {
            int work = 0;
            try
            {
                work += connect();
                work += drainSubmissions();
                work += pollCluster();
                work += resendStale();
                work += expire();
                requestsInFlight = inFlight.size();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("cluster client: {}", ex.toString());
                dropSession();
            }
            idle.idle(work);
        }
        CloseHelper.quietCloseAll(cluster, connecting);
        for (final Request request : inFlight.values())
        {
            finishUnanswered(request);
        }
        inFlight.clear();
        failSubmissions();
    }

    /** What was submitted but never taken by the client's thread: unanswered, never sent. */
    private void failSubmissions()
    {
        Request request;
        while ((request = submissions.poll()) != null)
        {
            finishUnanswered(request);
        }
    }

    private int connect()
    {
        if (cluster != null)
        {
            return 0;
        }
        final long nowNs = System.nanoTime();
        if (connecting == null)
        {
            if (nowNs < reconnectAtNs)
            {
                return 0;
            }
            connecting = AeronCluster.asyncConnect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .egressListener(listener)
                .ingressChannel("aeron:udp?term-length=" + context.termLength())
                .ingressEndpoints(context.members().ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=" + context.egressEndpoint() + "|term-length=" + context.termLength())
                .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.connectTimeoutMs()))
                .credentialsSupplier(new SecretCredentials(context.clusterSecret()))
                .errorHandler(ex -> LOG.warn("cluster client: {}", ex.toString())));
        }
        try
        {
            final AeronCluster connectedCluster = connecting.poll();
            if (connectedCluster == null)
            {
                return 1;
            }
            connecting = null;
            onConnected(connectedCluster);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connecting);
            connecting = null;
            reconnectAtNs = nowNs + reconnectDelayNs;
            reconnectDelayNs = Math.min(RECONNECT_DELAY_MAX_NS, 2 * reconnectDelayNs);
            connectError = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (nowNs - lastConnectErrorLogNs > LOG_INTERVAL_NS)
            {
                lastConnectErrorLogNs = nowNs;
                LOG.warn("cluster client: cannot open a session with the cluster ({}): {}",
                    context.members().ingressEndpoints(), connectError);
            }
        }
        return 1;
    }

    private void onConnected(final AeronCluster connectedCluster)
    {
        cluster = connectedCluster;
        leaderMemberId = connectedCluster.leaderMemberId();
        leadershipTermId = connectedCluster.leadershipTermId();
        connected = true;
        connectError = null;
        reconnectDelayNs = RECONNECT_DELAY_MIN_NS;
        sessionsOpened++;
        LOG.info("cluster client: session {} open with leader {} in term {}", connectedCluster.clusterSessionId(),
            leaderMemberId, leadershipTermId);
        resendAll();
    }

    private void dropSession()
    {
        CloseHelper.quietClose(cluster);
        cluster = null;
        connected = false;
        leaderMemberId = -1;
        reconnectAtNs = System.nanoTime() + RECONNECT_DELAY_MIN_NS;
    }

    private int drainSubmissions()
    {
        return submissions.drain(request ->
        {
            request.correlationId = nextCorrelationId++;
            inFlight.put(request.correlationId, request);
            enqueue(request);
            byDeadline.addLast(request);
        });
    }

    private int pollCluster()
    {
        if (cluster == null)
        {
            return 0;
        }
        int work = cluster.pollEgress();
        if (cluster.isClosed())
        {
            LOG.warn("cluster client: the session with the cluster closed; opening another");
            dropSession();
            return work + 1;
        }
        work += send();
        final long nowNs = System.nanoTime();
        if (cluster != null && nowNs - lastSendNs > KEEP_ALIVE_INTERVAL_NS && cluster.sendKeepAlive())
        {
            lastSendNs = nowNs;
        }
        return work;
    }

    private int send()
    {
        int sent = 0;
        Request request;
        while ((request = toSend.peekFirst()) != null)
        {
            if (request.finished)
            {
                toSend.pollFirst();
                request.queued = false;
                continue;
            }
            requestEncoder.wrapAndApplyHeader(outgoing, 0, headerEncoder).correlationId(request.correlationId);
            outgoing.putBytes(REQUEST_PREFIX_BYTES, request.message);
            final long result = cluster.offer(outgoing, 0, REQUEST_PREFIX_BYTES + request.message.length);
            lastOfferResult = result;
            if (result < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    dropSession();
                }
                break;
            }
            toSend.pollFirst();
            request.queued = false;
            if (request.sent)
            {
                requestsResent++;
            }
            request.sent = true;
            requestsSent++;
            lastSendNs = System.nanoTime();
            request.lastSentNs = lastSendNs;
            sent++;
        }
        return sent;
    }

    /** After a new leader or a new session: everything unanswered goes again, in the order first sent. */
    private void resendAll()
    {
        for (final Request request : toSend)
        {
            request.queued = false;
        }
        toSend.clear();
        final List<Request> pending = new ArrayList<>(inFlight.values());
        pending.sort(Comparator.comparingLong(request -> request.correlationId));
        pending.forEach(this::enqueue);
    }

    private void enqueue(final Request request)
    {
        if (!request.queued)
        {
            request.queued = true;
            toSend.addLast(request);
        }
    }

    /**
     * A request sent a third of its deadline ago and still unanswered goes again: a leader drops the
     * answer for a gateway whose egress stays back-pressured, and an answer may be lost with its
     * leader. Checked ten times a second over what is in flight, usually a few hundred requests.
     */
    private int resendStale()
    {
        final long nowNs = System.nanoTime();
        if (cluster == null || nowNs < nextResendCheckNs)
        {
            return 0;
        }
        nextResendCheckNs = nowNs + RESEND_CHECK_INTERVAL_NS;
        int stale = 0;
        for (final Request request : inFlight.values())
        {
            if (request.sent && !request.queued && nowNs - request.lastSentNs >= resendAfterNs)
            {
                enqueue(request);
                stale++;
            }
        }
        return stale;
    }

    private int expire()
    {
        final long nowNs = System.nanoTime();
        int expired = 0;
        Request request;
        while ((request = byDeadline.peekFirst()) != null && (request.finished || request.deadlineNs - nowNs <= 0))
        {
            byDeadline.pollFirst();
            if (!request.finished)
            {
                inFlight.remove(request.correlationId);
                requestsUnanswered++;
                finishUnanswered(request);
                expired++;
            }
        }
        return expired;
    }

    private static void finishUnanswered(final Request request)
    {
        if (!request.finished)
        {
            request.finished = true;
            try
            {
                request.handler.onUnanswered(request.sent);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("cluster client: a request's handler failed: {}", ex.toString());
            }
        }
    }

    private final class Listener implements EgressListener
    {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            if (length < EngineService.RESPONSE_PREFIX_BYTES)
            {
                return;
            }
            headerDecoder.wrap(buffer, offset);
            if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
                headerDecoder.templateId() != ClusterResponseDecoder.TEMPLATE_ID)
            {
                return;
            }
            responseDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final Request request = inFlight.remove(responseDecoder.correlationId());
            if (request == null || request.finished)
            {
                return;
            }
            request.finished = true;
            try
            {
                request.handler.onReply(responseDecoder.sequence(), responseDecoder.timestampMs(),
                    responseDecoder.leadershipTermId(), responseDecoder.memberId(), buffer,
                    offset + EngineService.RESPONSE_PREFIX_BYTES, length - EngineService.RESPONSE_PREFIX_BYTES);
            }
            catch (final RuntimeException ex)
            {
                // The caller's failure is its own: the session and the other requests go on.
                LOG.warn("cluster client: a request's handler failed: {}", ex.toString());
            }
        }

        @Override
        public void onSessionEvent(final long correlationId, final long clusterSessionId, final long leadershipTermId,
            final int leaderMemberId, final EventCode code, final String detail)
        {
            if (code != EventCode.OK)
            {
                LOG.warn("cluster client: session event {} from leader {}: {}", code, leaderMemberId, detail);
            }
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            EngineClusterClient.this.leaderMemberId = leaderMemberId;
            EngineClusterClient.this.leadershipTermId = leadershipTermId;
            LOG.info("cluster client: new leader {} in term {}; re-sending {} requests in flight", leaderMemberId,
                leadershipTermId, inFlight.size());
            resendAll();
        }
    }

    private static BackoffIdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            // A submission that raced the thread's last drain is told too.
            failSubmissions();
        }
        CloseHelper.quietCloseAll(aeron, embeddedDriver);
    }
}
