package io.startline.engine.voucher;

import io.startline.engine.support.CodesAhead;
import io.startline.engine.support.KeyedPermutation;

/**
 * The vouchers' public codes: a voucher's id under a keyed permutation, so codes cannot be
 * guessed from one another, are unique, and lead back to the voucher without a table.
 */
final class VoucherCodes
{
    private final KeyedPermutation permutation;
    /**
     * The voucher codes, made ahead on a drop's creation and on idle ticks. Claims take voucher
     * indices in order and never more than the drops' quantities added up ({@link #codesWanted}),
     * so no code is made that no drop can issue.
     */
    private final CodesAhead codes;
    private final int maxVouchers;
    private long codesWanted;

    VoucherCodes(final long codeKey0, final long codeKey1, final int maxVouchers)
    {
        permutation = new KeyedPermutation(codeKey0, codeKey1);
        codes = new CodesAhead(permutation, maxVouchers);
        this.maxVouchers = maxVouchers;
    }

    /** The code of the voucher at {@code voucherIndex}. */
    long code(final int voucherIndex)
    {
        return codes.code(voucherIndex);
    }

    /** @return the voucher id a code stands for; not one of the vouchers' when the code is unknown. */
    long decode(final long code)
    {
        return permutation.decode(code);
    }

    /** A new drop of {@code quantity} vouchers: its codes are wanted, and some are made now. */
    void addDrop(final int quantity)
    {
        codesWanted = Math.min(maxVouchers, codesWanted + quantity);
        computeAhead();
    }

    /**
     * Makes more of the codes the drops can issue: on a drop's creation and on every idle tick,
     * so a drop created ahead of its start has them all.
     */
    void computeAhead()
    {
        codes.computeAhead(codesWanted);
    }

    /** After a snapshot's load, which has the time: every code drops of this much quantity can issue, at once. */
    void restore(final long quantityOfAllDrops)
    {
        codesWanted = Math.min(maxVouchers, quantityOfAllDrops);
        codes.computeUpTo(codesWanted);
    }

    int computed()
    {
        return codes.computed();
    }
}
