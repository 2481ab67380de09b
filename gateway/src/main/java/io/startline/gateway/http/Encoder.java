package io.startline.gateway.http;

import org.agrona.MutableDirectBuffer;

/**
 * Writes one SBE command or query at offset 0 and returns its whole length, header included.
 */
@FunctionalInterface
public interface Encoder
{
    int encode(MutableDirectBuffer buffer);
}
