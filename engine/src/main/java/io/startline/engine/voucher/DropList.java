package io.startline.engine.voucher;

import io.startline.engine.codec.BooleanType;
import io.startline.engine.codec.DropListDecoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A campaign's drops as an organiser's console reads them, decoded from the engine's {@code DropList}
 * result. Reader side (gateway, tests): it allocates freely and never runs on the engine thread.
 */
public final class DropList
{
    private DropList()
    {
    }

    /**
     * @param closesAt  when claims stop: the declared end, or the campaign's validity if that comes first.
     * @param ended     closed, its unclaimed stock back in the budget.
     * @param cancelled cancelled before it opened, its reserved value back in the budget.
     */
    public record Row(long dropId, String tierCode, long faceValueFen, int quantity, int claimed, int perUserLimit,
        long startsAt, long closesAt, boolean ended, boolean cancelled)
    {
        /** What can still be claimed: nothing once the drop has ended or was cancelled. */
        public int stockLeft()
        {
            return ended || cancelled ? 0 : quantity - claimed;
        }

        /** CANCELLED, else SCHEDULED before it starts, OPEN while claims are taken, ENDED after. */
        public String status(final long nowMs)
        {
            if (cancelled)
            {
                return "CANCELLED";
            }
            if (ended || nowMs >= closesAt)
            {
                return "ENDED";
            }
            return nowMs < startsAt ? "SCHEDULED" : "OPEN";
        }
    }

    public static List<Row> decode(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.templateId() != DropListDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("not a DropList result: template " + header.templateId());
        }
        final DropListDecoder decoder = new DropListDecoder().wrapAndApplyHeader(buffer, offset, header);
        final List<Row> rows = new ArrayList<>();
        for (final DropListDecoder.DropsDecoder drop : decoder.drops())
        {
            rows.add(new Row(drop.dropId(), drop.tierCode(), drop.faceValueFen(), drop.quantity(), drop.claimed(),
                drop.perUserLimit(), drop.startsAt(), drop.closesAt(), drop.ended() == BooleanType.TRUE,
                drop.cancelled() == BooleanType.TRUE));
        }
        return Collections.unmodifiableList(rows);
    }
}
