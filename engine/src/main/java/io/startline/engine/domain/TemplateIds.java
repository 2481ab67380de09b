package io.startline.engine.domain;

import java.nio.ByteOrder;
import io.startline.engine.codec.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * The parts of the schema's template ids, by kind (the schema file's header says the same). A
 * message's kind follows from its id alone, so a gateway or a cluster client can tell a query
 * from a command without knowing which domains a node runs.
 */
public final class TemplateIds
{
    /** Every domain's journaled commands; each domain owns a block of them (1 to 9 are the engine's own). */
    public static final IdRange DOMAIN_COMMANDS = new IdRange(10, 999);
    /** Read-only queries: answered from the state, never journaled. */
    public static final IdRange QUERIES = new IdRange(1000, 1999);
    /** Every domain's snapshot records (3000 to 3009 are the engine's own frame; results are 2000 to 2999). */
    public static final IdRange DOMAIN_SNAPSHOT_RECORDS = new IdRange(3010, 3999);
    /** One more than the largest id a domain may own: the size of an id-indexed table. */
    static final int DOMAIN_IDS_END = DOMAIN_SNAPSHOT_RECORDS.last() + 1;

    private TemplateIds()
    {
    }

    /** The template id of the message whose header starts at {@code offset}. */
    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) &
            0xFFFF;
    }

    /** Whether a message is a read-only query, to be answered and never journaled. */
    public static boolean isQuery(final int templateId)
    {
        return QUERIES.contains(templateId);
    }

    public static boolean isQuery(final DirectBuffer buffer, final int offset)
    {
        return isQuery(templateId(buffer, offset));
    }

    /**
     * Whether a command may travel wrapped with an idempotency key: every domain's commands. A tick
     * or a snapshot request may not; applied twice, they change no domain state (a second tick takes
     * a sequence and moves no deadline that the first did not).
     */
    public static boolean takesIdempotencyKey(final DirectBuffer buffer, final int offset)
    {
        return DOMAIN_COMMANDS.contains(templateId(buffer, offset));
    }
}
