package io.startline.engine.voucher;

import io.startline.engine.codec.ResultCode;

/**
 * What the last voucher command came to, made once and filled by every command so that nothing
 * allocates per command: on success the campaign, drop, voucher or redemption it made or
 * touched, on a refusal the subject and field it was about. The adapter reads it right after
 * the command.
 */
final class VoucherOutcome
{
    int campaign;
    int drop;
    int voucher;
    int redemption;
    /** Whether a redemption only repeated an earlier one with the same transaction id. */
    boolean redemptionReplayed;
    /** Whether a refund made its voucher redeemable again, rather than expired. */
    boolean refundRestoredVoucher;
    /** What a cancelled drop gave back to its campaign's budget left. */
    long cancelReturnedFen;
    long rejectedSubjectId;
    String rejectedField = "";

    ResultCode reject(final ResultCode code, final long subjectId, final String field)
    {
        rejectedSubjectId = subjectId;
        rejectedField = field;
        return code;
    }
}
