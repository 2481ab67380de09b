package io.startline.persistence.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document hands its records over in order, each group of them announced for prefetching
 * before the group is delivered, and only those after the sequence asked for.
 */
class BatchDocumentTest
{
    private static final int RECORDS = BatchDocument.PREFETCH_GROUP + 4;

    @Test
    void recordsAreAnnouncedForPrefetchAGroupAtATimeBeforeTheyAreDelivered()
    {
        final BatchEncoder encoder = new BatchEncoder(64 * 1024);
        final UnsafeBuffer command = new UnsafeBuffer(new byte[8]);
        for (long sequence = 1; sequence <= RECORDS; sequence++)
        {
            command.putLong(0, sequence * 100, ByteOrder.LITTLE_ENDIAN);
            encoder.append(sequence, 1_000 + sequence, 0, command, 0, 8);
        }
        final int length = encoder.finish();
        final BatchDocument document = new BatchDocument().wrap(encoder.array(), length);
        assertThat(document.problem(1)).isNull();

        final List<String> heard = new ArrayList<>();
        final int delivered = document.deliver(2, new JournalRecordHandler()
        {
            @Override
            public void onRecord(final long sequence, final long timestampMs, final int flags,
                final DirectBuffer buffer, final int offset, final int commandLength)
            {
                assertThat(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN)).isEqualTo(sequence * 100);
                heard.add("apply " + sequence);
            }

            @Override
            public void prefetch(final DirectBuffer buffer, final int offset)
            {
                heard.add("prefetch " + buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN) / 100);
            }
        });

        final List<String> expected = new ArrayList<>();
        for (long s = 3; s <= BatchDocument.PREFETCH_GROUP; s++)
        {
            expected.add("prefetch " + s);
        }
        for (long s = 3; s <= BatchDocument.PREFETCH_GROUP; s++)
        {
            expected.add("apply " + s);
        }
        for (long s = BatchDocument.PREFETCH_GROUP + 1; s <= RECORDS; s++)
        {
            expected.add("prefetch " + s);
        }
        for (long s = BatchDocument.PREFETCH_GROUP + 1; s <= RECORDS; s++)
        {
            expected.add("apply " + s);
        }
        assertThat(heard).containsExactlyElementsOf(expected);
        assertThat(delivered).isEqualTo(RECORDS - 2);
    }
}
