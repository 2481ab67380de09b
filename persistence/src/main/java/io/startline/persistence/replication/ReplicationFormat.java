package io.startline.persistence.replication;

/**
 * The messages between a primary and its standby, little-endian, one Aeron message each.
 * Every message starts with the sender's epoch, so a node learns of a newer epoch from
 * anything its peer says.
 * <pre>
 *   0  u8   type
 *   1  u8   formatVersion
 *   2  ...  reserved (6 bytes)
 *   8  i64  epoch              the sender's
 *  16  ...  body
 *
 *   BATCH      primary → standby   a journal batch document ({@code JournalFormat}), as journaled
 *   HEARTBEAT  primary → standby   i64 the primary's journaled sequence
 *   WELCOME    primary → standby   i64 the primary's journaled sequence, i64 the first sequence of the epoch
 *                                  after the standby's (Long.MAX_VALUE when the standby is in the current
 *                                  epoch), i64 the first sequence of the primary's epoch
 *   HELLO      standby → primary   i64 the standby's last journaled sequence: send me what follows
 *   ACK        standby → primary   i64 the standby's last journaled sequence
 * </pre>
 */
final class ReplicationFormat
{
    static final byte TYPE_BATCH = 1;
    static final byte TYPE_HEARTBEAT = 2;
    static final byte TYPE_WELCOME = 3;
    static final byte TYPE_HELLO = 4;
    static final byte TYPE_ACK = 5;
    static final byte FORMAT_VERSION = 1;

    static final int TYPE_OFFSET = 0;
    static final int FORMAT_VERSION_OFFSET = 1;
    static final int EPOCH_OFFSET = 8;
    static final int HEADER_LENGTH = 16;

    static final int SEQUENCE_OFFSET = HEADER_LENGTH;
    static final int WELCOME_DIVERGENCE_OFFSET = HEADER_LENGTH + 8;
    static final int WELCOME_EPOCH_START_OFFSET = HEADER_LENGTH + 16;
    static final int WELCOME_KEY_FINGERPRINT_OFFSET = HEADER_LENGTH + 24;
    static final int WELCOME_LENGTH = HEADER_LENGTH + 32;
    static final int SEQUENCE_MESSAGE_LENGTH = HEADER_LENGTH + 8;

    private ReplicationFormat()
    {
    }
}
