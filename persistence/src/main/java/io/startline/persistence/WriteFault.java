package io.startline.persistence;

import java.io.IOException;

/**
 * Asked before every journal document and snapshot file is written. The node's own is
 * {@link #NONE}; the tests put a full disk here, which cannot be made on demand on every machine
 * (a size-limited mount needs privileges).
 */
@FunctionalInterface
public interface WriteFault
{
    WriteFault NONE = write -> { };

    /** Throws what the operating system would when {@code write} cannot go to disk now. */
    void beforeWrite(StorageFaults.Write write) throws IOException;
}
