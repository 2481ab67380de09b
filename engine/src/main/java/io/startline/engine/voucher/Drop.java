package io.startline.engine.voucher;

/**
 * One timed release of a tier's vouchers, with its stock and its figures.
 */
final class Drop
{
    final int index;
    final Campaign campaign;
    final int tierIndex;
    final long faceValueFen;
    final long thresholdFen;
    final int quantity;
    final int perUserLimit;
    /** The window may be edited before the drop opens ({@link DropEdits}). */
    long startsAt;
    /** The declared end, or {@link #NO_END}. */
    long endsAt;
    /** When claims stop: the declared end, or the campaign's validity if that comes first. */
    long closesAt;

    int claimed;
    boolean ended;
    /** Cancelled before it opened: ended too, its stock returned to the budget, claims refused. */
    boolean cancelled;

    long redeemed;
    long refunded;
    long expired;
    long unclaimedReturned;
    long recycledFen;
    long subsidyPaidFen;
    long consumerSpendFen;

    static final long NO_END = Long.MIN_VALUE;

    Drop(
        final int index,
        final Campaign campaign,
        final int tierIndex,
        final int quantity,
        final int perUserLimit,
        final long startsAt,
        final long endsAt)
    {
        this.index = index;
        this.campaign = campaign;
        this.tierIndex = tierIndex;
        this.faceValueFen = campaign.tierFaceValueFen[tierIndex];
        this.thresholdFen = campaign.tierThresholdFen[tierIndex];
        this.quantity = quantity;
        this.perUserLimit = perUserLimit;
        setWindow(startsAt, endsAt);
    }

    void setWindow(final long startsAt, final long endsAt)
    {
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.closesAt = endsAt == NO_END ? campaign.validUntil : Math.min(endsAt, campaign.validUntil);
    }

    long id()
    {
        return index + 1L;
    }
}
