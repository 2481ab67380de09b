package io.startline.gateway.console;

import io.startline.engine.EngineContext;
import io.startline.engine.codec.CampaignListDecoder;
import io.startline.engine.codec.GetCampaignStatsEncoder;
import io.startline.engine.codec.ListCampaignsEncoder;
import io.startline.engine.codec.ListDropsEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.voucher.CampaignStats;
import io.startline.engine.voucher.DropList;
import io.startline.gateway.http.Encoder;
import io.startline.gateway.link.EngineLink;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The campaigns' figures over time, kept by the gateway outside the engine so that a console's
 * charts survive a page reload: every {@link #sampleIntervalMs} it asks the engine (queries, like
 * any client) for the newest campaigns' statistics and drops, and once a minute keeps a point.
 * Any gateway of a cluster keeps the same series, since it reads the cluster's state, not its own
 * traffic. The newest sample also feeds the stock-left gauge of every open drop in /metrics.
 */
public final class CampaignSeries implements AutoCloseable
{
    /** Points kept per campaign: 24 hours of minutes. */
    public static final int POINTS_KEPT = 24 * 60;
    /** Campaigns followed: the newest ones (highest ids); older ones keep what they had. */
    public static final int CAMPAIGNS_FOLLOWED = 100;
    public static final long POINT_INTERVAL_MS = 60_000;
    public static final long SAMPLE_INTERVAL_MS = 5_000;
    private static final long QUERY_TIMEOUT_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignSeries.class);

    private final EngineLink link;
    private final long sampleIntervalMs;
    private final long pointIntervalMs;
    private final Map<Long, Series> byCampaign = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread thread = new Thread(r, "campaign-series");
        thread.setDaemon(true);
        return thread;
    });
    private final UnsafeBuffer query;
    private volatile List<OpenDrop> openDrops = List.of();

    /** An open drop's stock left at the newest sample. */
    public record OpenDrop(long campaignId, long dropId, String tierCode, int stockLeft)
    {
    }

    public CampaignSeries(final EngineLink link)
    {
        this(link, SAMPLE_INTERVAL_MS, POINT_INTERVAL_MS);
    }

    CampaignSeries(final EngineLink link, final long sampleIntervalMs, final long pointIntervalMs)
    {
        this.link = link;
        this.sampleIntervalMs = sampleIntervalMs;
        this.pointIntervalMs = pointIntervalMs;
        query = new UnsafeBuffer(new byte[Math.max(256, link.maxCommandBytes())]);
    }

    public CampaignSeries start()
    {
        // The first sample waits one interval: a starting node has nothing to chart yet.
        timer.scheduleWithFixedDelay(this::sampleQuietly, sampleIntervalMs, sampleIntervalMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The campaign's points, oldest first; empty when it is not followed (yet). */
    public List<Series.Point> points(final long campaignId)
    {
        final Series series = byCampaign.get(campaignId);
        return series == null ? List.of() : series.points();
    }

    public long pointIntervalMs()
    {
        return pointIntervalMs;
    }

    public List<OpenDrop> openDrops()
    {
        return openDrops;
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }

    private void sampleQuietly()
    {
        try
        {
            sample(System.currentTimeMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            // The engine may be busy, failing over or stopped: the next sample tries again.
            LOG.debug("campaign series: sample skipped: {}", ex.toString());
        }
    }

    private void sample(final long nowMs) throws InterruptedException
    {
        final List<OpenDrop> open = new ArrayList<>();
        for (final long campaignId : newestCampaigns())
        {
            final byte[] stats = ask(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new GetCampaignStatsEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).encodedLength());
            final byte[] drops = ask(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListDropsEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).campaignId(campaignId).encodedLength());
            if (stats == null || drops == null)
            {
                continue;
            }
            final CampaignStats.Counters total = CampaignStats.decode(new UnsafeBuffer(stats), 0).total();
            byCampaign.computeIfAbsent(campaignId, id -> new Series(POINTS_KEPT)).offer(nowMs, pointIntervalMs, total);
            for (final DropList.Row drop : DropList.decode(new UnsafeBuffer(drops), 0))
            {
                if ("OPEN".equals(drop.status(nowMs)))
                {
                    open.add(new OpenDrop(campaignId, drop.dropId(), drop.tierCode(), drop.stockLeft()));
                }
            }
        }
        openDrops = List.copyOf(open);
    }

    /** The ids of the newest {@link #CAMPAIGNS_FOLLOWED} campaigns, read page by page. */
    private List<Long> newestCampaigns() throws InterruptedException
    {
        final List<Long> ids = new ArrayList<>();
        long after = 0;
        do
        {
            final long from = after;
            final byte[] page = ask(buffer -> MessageHeaderEncoder.ENCODED_LENGTH + new ListCampaignsEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).afterCampaignId(from)
                .maxRows(EngineContext.LIST_PAGE_ROWS_MAX).encodedLength());
            if (page == null)
            {
                return List.of();
            }
            final UnsafeBuffer result = new UnsafeBuffer(page);
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(result, 0);
            final CampaignListDecoder list = new CampaignListDecoder().wrapAndApplyHeader(result, 0, header);
            after = list.nextAfterCampaignId();
            for (final CampaignListDecoder.CampaignsDecoder campaign : list.campaigns())
            {
                ids.add(campaign.campaignId());
            }
        }
        while (after != 0);
        return ids.subList(Math.max(0, ids.size() - CAMPAIGNS_FOLLOWED), ids.size());
    }

    /** One query through the link, waited for; null when refused, unanswered or not a result of the kind asked. */
    private byte[] ask(final Encoder encoder) throws InterruptedException
    {
        final int length = encoder.encode(query);
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        final SubmitStatus status = link.submit(query, 0, length, new ResultListener()
        {
            @Override
            public void onResult(final long sequence, final long timestampMs, final DirectBuffer result,
                final int offset, final int resultLength)
            {
                final byte[] copy = new byte[resultLength];
                result.getBytes(offset, copy);
                answer.complete(copy);
            }

            @Override
            public void onUnanswered(final boolean sent)
            {
                answer.complete(null);
            }
        });
        if (status != SubmitStatus.ACCEPTED)
        {
            return null;
        }
        try
        {
            final byte[] result = answer.get(QUERY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return result != null && isRejected(result) ? null : result;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return null;
        }
    }

    private static boolean isRejected(final byte[] result)
    {
        return new MessageHeaderDecoder().wrap(new UnsafeBuffer(result), 0).templateId() ==
            RejectedDecoder.TEMPLATE_ID;
    }
}
