package io.startline.engine.race;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a national ID number into the person key the engine and the journal keep instead of
 * it: HMAC-SHA256 under the node's secret, truncated to 128 bits. Without the secret the key
 * cannot be reversed by trying every ID (there are only about 10^17); with it, the same person
 * always gets the same key, which is what "one entry per person" needs.
 * <p>
 * Used by the gateway before a command is journaled. It lives beside the rules that depend on
 * it; it allocates, so it stays out of the engine's hot path. One instance per thread.
 */
public final class PersonKeys
{
    public static final int SECRET_MIN_BYTES = 32;
    private static final int ID_LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private final Mac mac;
    private final byte[] id = new byte[ID_LENGTH];
    private final byte[] digest = new byte[32];

    public PersonKeys(final byte[] secret)
    {
        if (secret.length < SECRET_MIN_BYTES)
        {
            throw new IllegalArgumentException("the person-key secret needs at least " + SECRET_MIN_BYTES + " bytes");
        }
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        }
        catch (final NoSuchAlgorithmException | InvalidKeyException ex)
        {
            throw new IllegalStateException("HmacSHA256 is in every Java platform", ex);
        }
    }

    /**
     * A resident identity card number of the People's Republic of China (GB 11643-1999): 17
     * digits and a check character (a digit or X) by ISO 7064 MOD 11-2. A lower-case x is
     * accepted as X.
     */
    public static boolean isValidNationalId(final CharSequence text)
    {
        if (text == null || text.length() != ID_LENGTH)
        {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < ID_LENGTH - 1; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(text.charAt(ID_LENGTH - 1)) == CHECK[sum % 11];
    }

    /**
     * @param into receives the key as two longs.
     * @throws IllegalArgumentException when the ID is not valid: check it first, and answer 400.
     */
    public void keyOf(final CharSequence nationalId, final long[] into)
    {
        if (!isValidNationalId(nationalId))
        {
            throw new IllegalArgumentException("not a valid national ID number");
        }
        for (int i = 0; i < ID_LENGTH; i++)
        {
            id[i] = (byte)Character.toUpperCase(nationalId.charAt(i));
        }
        mac.update(id);
        try
        {
            mac.doFinal(digest, 0);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException("a 32-byte buffer holds an HMAC-SHA256", ex);
        }
        final ByteBuffer bytes = ByteBuffer.wrap(digest);
        into[0] = bytes.getLong(0);
        into[1] = bytes.getLong(8);
    }
}
