package io.startline.persistence.journal;

/**
 * The layout of one journal document, little-endian. A document is one batch: the commands
 * the journaller took from the ring in one go, written once, checksummed once.
 * <pre>
 *   0  u8   kind            BATCH or TAIL_DROPPED
 *   1  u8   formatVersion   this layout
 *   2  u16  schemaVersion   of the SBE commands inside
 *   4  i32  recordCount
 *   8  i64  firstSequence   BATCH: its first record's; TAIL_DROPPED: the next sequence expected
 *  16  ...  records         BATCH: recordCount times [i64 sequence, i64 timestampMs, i32 flags, i32 length, bytes]
 *                           TAIL_DROPPED: i64 the Chronicle index of the document it declares dropped
 *  end i32  crc32c          of every byte before it
 * </pre>
 */
public final class JournalFormat
{
    public static final byte KIND_BATCH = 1;
    public static final byte KIND_TAIL_DROPPED = 2;
    public static final byte FORMAT_VERSION = 1;

    public static final int KIND_OFFSET = 0;
    public static final int FORMAT_VERSION_OFFSET = 1;
    public static final int SCHEMA_VERSION_OFFSET = 2;
    public static final int RECORD_COUNT_OFFSET = 4;
    public static final int FIRST_SEQUENCE_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    public static final int RECORD_SEQUENCE_OFFSET = 0;
    public static final int RECORD_TIMESTAMP_OFFSET = 8;
    public static final int RECORD_FLAGS_OFFSET = 16;
    public static final int RECORD_LENGTH_OFFSET = 20;
    public static final int RECORD_HEADER_LENGTH = 24;

    public static final int CHECKSUM_LENGTH = 4;

    /** Set on a command after which the engine takes a snapshot, so replicas snapshot at the same place. */
    public static final int FLAG_SNAPSHOT_AFTER = 1;

    private JournalFormat()
    {
    }
}
