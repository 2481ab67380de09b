package io.startline.gateway.console;

import io.startline.engine.voucher.CampaignStats;

import java.util.ArrayList;
import java.util.List;

/**
 * One campaign's running totals, a point a minute in a ring of fixed size: the oldest point goes
 * when the ring is full. A point is the totals at the first sample of its minute; samples within a
 * minute that already has its point only refresh it, so the newest point is always current.
 */
public final class Series
{
    /** The campaign's running totals at {@code atMs}. */
    public record Point(long atMs, long claimed, long redeemed, long refunded, long subsidyPaidFen, long consumerSpendFen)
    {
    }

    private final Point[] ring;
    private int newest = -1;
    private int size;

    Series(final int capacity)
    {
        ring = new Point[capacity];
    }

    synchronized void offer(final long nowMs, final long intervalMs, final CampaignStats.Counters total)
    {
        final Point point = new Point(nowMs, total.claimed(), total.redeemed(), total.refunded(),
            total.subsidyPaidFen(), total.consumerSpendFen());
        if (size > 0 && ring[newest].atMs() / intervalMs == nowMs / intervalMs)
        {
            ring[newest] = point;
            return;
        }
        newest = (newest + 1) % ring.length;
        ring[newest] = point;
        size = Math.min(size + 1, ring.length);
    }

    synchronized List<Point> points()
    {
        final List<Point> points = new ArrayList<>(size);
        for (int i = size - 1; i >= 0; i--)
        {
            points.add(ring[Math.floorMod(newest - i, ring.length)]);
        }
        return points;
    }
}
