package io.startline.engine.support;

/**
 * Every key the engine derives from the node's code key, one per use and named by its label, so
 * that no two uses share a key by accident and a new use takes a label here ({@link #derive})
 * rather than a scheme of its own.
 * <p>
 * Each derivation stays as it was first written: the codes, references and indexes made under
 * these keys live in journals, snapshots and people's hands, so none may change. That is why
 * the first two below predate the labelled rule.
 */
public final class SubKeys
{
    /** "groupcod" in ASCII. */
    private static final long GROUP_CODES_LABEL = 0x67726f7570636f64L;
    /** "check-in" in ASCII. */
    private static final long CHECK_IN_LABEL = 0x636865636b2d696eL;

    /** A 128-bit key in the two halves that {@link SipHash} and {@link KeyedPermutation} take. */
    public record Key(long k0, long k1)
    {
    }

    private final long codeKey0;
    private final long codeKey1;

    public SubKeys(final long codeKey0, final long codeKey1)
    {
        this.codeKey0 = codeKey0;
        this.codeKey1 = codeKey1;
    }

    /** Voucher codes: the code key itself, from before there were other uses. */
    public Key voucherCodes()
    {
        return new Key(codeKey0, codeKey1);
    }

    /** Merchants' transaction ids, hashed into the redemption index: the code key itself, as voucher codes. */
    public Key merchantTransactionIds()
    {
        return new Key(codeKey0, codeKey1);
    }

    /** Group codes: the code key with its first half XORed with the label, as the first derivation was written. */
    public Key groupCodes()
    {
        return new Key(codeKey0 ^ GROUP_CODES_LABEL, codeKey1);
    }

    /** Check-in codes: the labelled rule. */
    public Key checkInCodes()
    {
        return derive(CHECK_IN_LABEL);
    }

    /** Payment references' hashes: the check-in key with its halves swapped. */
    public Key paymentReferences()
    {
        final Key checkIn = checkInCodes();
        return new Key(checkIn.k1(), checkIn.k0());
    }

    /** The rule for a new use: SipHash of the label, and of its complement, under the code key. */
    private Key derive(final long label)
    {
        return new Key(SipHash.hash(codeKey0, codeKey1, label), SipHash.hash(codeKey0, codeKey1, ~label));
    }
}
