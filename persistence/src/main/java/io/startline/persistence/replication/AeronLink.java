package io.startline.persistence.replication;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's two Aeron streams: a subscription on its own channel and a publication to its
 * peer's. The media driver is embedded (SHARED threading, backing off when idle: the
 * machines have two cores) unless an external driver's directory is configured.
 */
final class AeronLink implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AeronLink.class);
    /** The driver and our agent park for at most this when idle: the floor under a sync round trip. */
    private static final long MAX_IDLE_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long RETRY_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Publication publication;
    private final Subscription subscription;

    AeronLink(final ReplicationContext context)
    {
        if (context.aeronDir() == null)
        {
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(idleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        else
        {
            driver = null;
        }
        final String aeronDir = driver != null ? driver.aeronDirectoryName() : context.aeronDir().toString();
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            subscription = aeron.addSubscription(context.listenChannel(), context.listenStreamId());
            publication = aeron.addPublication(context.peerChannel(), context.peerStreamId());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw new IllegalStateException("replication: cannot open the Aeron streams (listen " +
                context.listenChannel() + ", peer " + context.peerChannel() + ", driver " + aeronDir + "): " +
                ex.getMessage(), ex);
        }
        LOG.info("replication: listening on {} stream {}, peer {} stream {}, {} media driver in {}",
            context.listenChannel(), context.listenStreamId(), context.peerChannel(), context.peerStreamId(),
            driver != null ? "embedded" : "external", aeronDir);
    }

    static BackoffIdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), MAX_IDLE_PARK_NS);
    }

    /** Makes a reassembling handler for {@link #poll}: batches may span several frames. */
    static FragmentAssembler assembler(final FragmentHandler handler)
    {
        return new FragmentAssembler(handler);
    }

    int poll(final FragmentAssembler handler, final int fragmentLimit)
    {
        return subscription.poll(handler, fragmentLimit);
    }

    /**
     * Sends one message, header and body, retrying while Aeron is back-pressured, for at most
     * {@code timeoutNs}. Thread-safe: the ring's replicator and the replication agent both send.
     *
     * @return false when the peer is not connected or stayed back-pressured.
     */
    boolean send(final DirectBuffer header, final int headerLength, final DirectBuffer body, final int bodyLength,
        final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (true)
        {
            final long result = publication.offer(header, 0, headerLength, body, 0, bodyLength, null);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED || System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(RETRY_PARK_NS);
        }
    }

    int maxMessageLength()
    {
        return publication.maxMessageLength();
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(publication, subscription, aeron, driver);
    }
}
