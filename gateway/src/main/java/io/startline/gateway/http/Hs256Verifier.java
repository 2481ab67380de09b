package io.startline.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks an HS256 token on the request's own thread without allocating: the token's characters are
 * copied into buffers of this verifier's, the HMAC is computed with a reused SHA-256 digest, and the
 * claims are read straight from the decoded bytes. It replaced java-jwt on the request path, where
 * parsing a token's header and payload into JSON trees was a quarter of a claim's garbage
 * ({@code bench/RESULTS.md}); java-jwt still mints tokens, and {@code Hs256VerifierTest} holds this
 * verifier to its answers on the same tokens.
 * <p>
 * What a token must be, beyond a valid signature: a header whose {@code alg} is {@code HS256}; a
 * payload with {@code sub} a canonical decimal user id (no sign, no leading zero, at most
 * 2<sup>53</sup> − 1), a known {@code role}, an integer {@code exp} in the future, and, when present,
 * integer {@code nbf} and {@code iat} not in the future and positive integer {@code store} and
 * {@code venue}. Times are whole seconds below 2<sup>53</sup>. No key twice. Anything else is a
 * {@link Rejection} with the reason, which the caller answers 401. One instance a thread.
 */
final class Hs256Verifier
{
    /** The longest token taken: far more than any of ours; a longer one is refused before any work. */
    static final int MAX_TOKEN_CHARS = 4096;
    static final long MAX_ID = (1L << 53) - 1;
    private static final int BLOCK_BYTES = 64;
    private static final int HASH_BYTES = 32;
    private static final byte[] ALG = "alg".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HS256 = "HS256".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUB = "sub".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROLE = "role".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXP = "exp".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NBF = "nbf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IAT = "iat".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STORE = "store".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VENUE = "venue".getBytes(StandardCharsets.US_ASCII);
    private static final Role[] ROLES = Role.values();
    private static final byte[][] ROLE_NAMES = new byte[ROLES.length][];

    static
    {
        for (int i = 0; i < ROLES.length; i++)
        {
            ROLE_NAMES[i] = ROLES[i].json().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A token that is not valid, and why: answered 401. Thrown without a stack trace, as it is an answer. */
    static final class Rejection extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Rejection(final String reason)
        {
            super(reason, null, false, false);
        }
    }

    private final MessageDigest sha256;
    private final byte[] innerPadKey = new byte[BLOCK_BYTES];
    private final byte[] outerPadKey = new byte[BLOCK_BYTES];
    private final byte[] signingInput = new byte[MAX_TOKEN_CHARS];
    private final byte[] decoded = new byte[MAX_TOKEN_CHARS];
    private final byte[] innerHash = new byte[HASH_BYTES];
    private final byte[] expected = new byte[HASH_BYTES];
    private final ClaimReader reader = new ClaimReader();

    Hs256Verifier(final byte[] key)
    {
        sha256 = sha256();
        // HMAC (RFC 2104): a key longer than the block is hashed first; then padded with zeros.
        final byte[] blockKey = key.length > BLOCK_BYTES ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK_BYTES; i++)
        {
            final byte k = i < blockKey.length ? blockKey[i] : 0;
            innerPadKey[i] = (byte)(k ^ 0x36);
            outerPadKey[i] = (byte)(k ^ 0x5c);
        }
    }

    /**
     * @param text       holds the token from {@code from} to its end, perhaps with spaces around it (an
     *                   {@code Authorization} header: no copy of the token is made).
     * @param nowSeconds the time to judge {@code exp}, {@code nbf} and {@code iat} by.
     * @throws Rejection when the token is not valid.
     */
    Caller verify(final String text, final int from, final long nowSeconds)
    {
        return verify(text, from, nowSeconds, Long.MAX_VALUE);
    }

    /**
     * As {@link #verify(String, int, long)}, refusing a token whose {@code exp} is more than
     * {@code maxLifetimeSeconds} after {@code nowSeconds}: a token minted to live for ever is
     * refused, so a leaked one stops working by itself.
     */
    Caller verify(final String text, final int from, final long nowSeconds, final long maxLifetimeSeconds)
    {
        int start = from;
        int stop = text.length();
        while (start < stop && text.charAt(start) == ' ')
        {
            start++;
        }
        while (stop > start && text.charAt(stop - 1) == ' ')
        {
            stop--;
        }
        if (stop == start || stop - start > MAX_TOKEN_CHARS)
        {
            throw new Rejection("the token is empty or longer than " + MAX_TOKEN_CHARS + " characters");
        }
        final int firstDot = text.indexOf('.', start);
        final int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
        if (firstDot <= start || secondDot <= firstDot + 1 || secondDot >= stop - 1 ||
            (text.indexOf('.', secondDot + 1) >= 0 && text.indexOf('.', secondDot + 1) < stop))
        {
            throw new Rejection("the token is not three dot-separated parts");
        }
        checkSignature(text, start, secondDot, stop);
        decodeHeader(text, start, firstDot);
        return decodePayload(text, firstDot, secondDot, nowSeconds, maxLifetimeSeconds);
    }

    private void checkSignature(final String token, final int start, final int secondDot, final int stop)
    {
        for (int i = start; i < secondDot; i++)
        {
            if (token.charAt(i) > 0x7f)
            {
                throw new Rejection("the token is not ASCII");
            }
            signingInput[i - start] = (byte)token.charAt(i);
        }
        final int signatureLength = Base64Url.decode(token, secondDot + 1, stop, decoded);
        if (signatureLength != HASH_BYTES)
        {
            throw new Rejection("the signature is not an HS256 signature");
        }
        hmac(signingInput, secondDot - start, expected);
        if (!constantTimeEquals(expected, decoded))
        {
            throw new Rejection("the signature does not verify");
        }
    }

    /** Every byte compared whatever the first difference, as {@link MessageDigest#isEqual} does, on buffers kept. */
    private static boolean constantTimeEquals(final byte[] a, final byte[] b)
    {
        int difference = 0;
        for (int i = 0; i < HASH_BYTES; i++)
        {
            difference |= a[i] ^ b[i];
        }
        return difference == 0;
    }

    private void hmac(final byte[] message, final int length, final byte[] out)
    {
        try
        {
            sha256.reset();
            sha256.update(innerPadKey, 0, BLOCK_BYTES);
            sha256.update(message, 0, length);
            sha256.digest(innerHash, 0, HASH_BYTES);
            sha256.update(outerPadKey, 0, BLOCK_BYTES);
            sha256.update(innerHash, 0, HASH_BYTES);
            sha256.digest(out, 0, HASH_BYTES);
        }
        catch (final java.security.DigestException ex)
        {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", ex);
        }
    }

    private void decodeHeader(final String token, final int start, final int firstDot)
    {
        final int length = Base64Url.decode(token, start, firstDot, decoded);
        if (length < 0)
        {
            throw new Rejection("the token's header is not base64url");
        }
        reader.start(decoded, length);
        boolean hs256 = false;
        while (reader.nextKey())
        {
            if (reader.keyIs(ALG))
            {
                hs256 = reader.stringValueIs(HS256);
            }
            else
            {
                reader.skipValue();
            }
        }
        if (!hs256)
        {
            throw new Rejection("the token's alg is not HS256");
        }
    }

    private Caller decodePayload(final String token, final int firstDot, final int secondDot, final long nowSeconds,
        final long maxLifetimeSeconds)
    {
        final int length = Base64Url.decode(token, firstDot + 1, secondDot, decoded);
        if (length < 0)
        {
            throw new Rejection("the token's payload is not base64url");
        }
        reader.start(decoded, length);
        long userId = -1;
        Role role = null;
        long exp = -1;
        long nbf = -1;
        long iat = -1;
        long store = 0;
        long venue = 0;
        while (reader.nextKey())
        {
            if (reader.keyIs(SUB))
            {
                userId = reader.decimalStringValue("sub");
            }
            else if (reader.keyIs(ROLE))
            {
                role = reader.roleValue();
            }
            else if (reader.keyIs(EXP))
            {
                exp = reader.timeValue("exp");
            }
            else if (reader.keyIs(NBF))
            {
                nbf = reader.timeValue("nbf");
            }
            else if (reader.keyIs(IAT))
            {
                iat = reader.timeValue("iat");
            }
            else if (reader.keyIs(STORE))
            {
                store = reader.positiveIdValue("store");
            }
            else if (reader.keyIs(VENUE))
            {
                venue = reader.positiveIdValue("venue");
            }
            else
            {
                reader.skipValue();
            }
        }
        if (exp - nowSeconds > maxLifetimeSeconds)
        {
            throw new Rejection("the token's exp is more than " + maxLifetimeSeconds +
                " s ahead, past the node's longest token lifetime");
        }
        return claims(userId, role, exp, nbf, iat, store, venue, nowSeconds);
    }

    private static Caller claims(final long userId, final Role role, final long exp, final long nbf, final long iat,
        final long store, final long venue, final long nowSeconds)
    {
        if (exp < 0)
        {
            throw new Rejection("the token has no exp");
        }
        if (nowSeconds >= exp)
        {
            throw new Rejection("the token has expired");
        }
        if (nbf > nowSeconds)
        {
            throw new Rejection("the token is not valid before " + nbf);
        }
        if (iat > nowSeconds)
        {
            throw new Rejection("the token is issued in the future");
        }
        if (role == null)
        {
            throw new Rejection("the token's role is not one of participant, merchant, gate, admin");
        }
        if (userId < 0)
        {
            throw new Rejection("the token has no sub");
        }
        if (role == Role.MERCHANT && store == 0)
        {
            throw new Rejection("a merchant token names its store");
        }
        if (role == Role.GATE && venue == 0)
        {
            throw new Rejection("a gate token names its venue");
        }
        return new Caller(userId, role, store, venue);
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    /** Base64url without padding (RFC 7515 §2), decoded into a buffer; -1 for a character outside it. */
    static final class Base64Url
    {
        private static final byte[] VALUES = new byte[128];

        static
        {
            java.util.Arrays.fill(VALUES, (byte)-1);
            final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for (int i = 0; i < alphabet.length(); i++)
            {
                VALUES[alphabet.charAt(i)] = (byte)i;
            }
        }

        private Base64Url()
        {
        }

        static int decode(final String text, final int from, final int to, final byte[] out)
        {
            final int chars = to - from;
            if (chars % 4 == 1)
            {
                return -1;
            }
            int bits = 0;
            int bitCount = 0;
            int length = 0;
            for (int i = from; i < to; i++)
            {
                final char c = text.charAt(i);
                final int value = c < 128 ? VALUES[c] : -1;
                if (value < 0)
                {
                    return -1;
                }
                bits = bits << 6 | value;
                bitCount += 6;
                if (bitCount >= 8)
                {
                    bitCount -= 8;
                    out[length++] = (byte)(bits >> bitCount);
                    bits &= (1 << bitCount) - 1;
                }
            }
            // The last character's unused bits must be zero: one token, one encoding.
            return bits == 0 ? length : -1;
        }
    }

    /**
     * Reads one flat JSON object of a token: its keys one after another, each value read as the
     * claim wants it or skipped (nested objects and arrays included). Strict: no key twice is
     * checked by the caller's claims being read once each; trailing bytes are refused.
     */
    static final class ClaimReader
    {
        private static final int MAX_KEYS = 64;
        private static final int MAX_DEPTH = 16;

        private byte[] bytes;
        private int end;
        private int position;
        private int keyStart;
        private int keyEnd;
        private boolean first;
        private final int[] seenKeyStart = new int[MAX_KEYS];
        private final int[] seenKeyEnd = new int[MAX_KEYS];
        private int seenKeys;

        void start(final byte[] bytes, final int length)
        {
            this.bytes = bytes;
            end = length;
            position = 0;
            seenKeys = 0;
            skipSpace();
            expect('{', "a JSON object");
            first = true;
        }

        /** Moves to the next key; false at the object's end, after which nothing but space may follow. */
        boolean nextKey()
        {
            skipSpace();
            if (peek() == '}')
            {
                position++;
                skipSpace();
                if (position != end)
                {
                    throw new Rejection("the token's JSON has bytes after its object");
                }
                return false;
            }
            if (!first)
            {
                expect(',', "',' or '}'");
                skipSpace();
            }
            first = false;
            expect('"', "a key");
            keyStart = position;
            keyEnd = skipStringBody();
            rememberKey();
            skipSpace();
            expect(':', "':'");
            skipSpace();
            return true;
        }

        private void rememberKey()
        {
            if (seenKeys == MAX_KEYS)
            {
                throw new Rejection("the token's JSON has more than " + MAX_KEYS + " keys");
            }
            for (int k = 0; k < seenKeys; k++)
            {
                if (java.util.Arrays.equals(bytes, seenKeyStart[k], seenKeyEnd[k], bytes, keyStart, keyEnd))
                {
                    throw new Rejection("the token's JSON names a key twice");
                }
            }
            seenKeyStart[seenKeys] = keyStart;
            seenKeyEnd[seenKeys] = keyEnd;
            seenKeys++;
        }

        /** Keys are compared as written: a claim name spelled with escapes is another name. */
        boolean keyIs(final byte[] name)
        {
            return java.util.Arrays.equals(bytes, keyStart, keyEnd, name, 0, name.length);
        }

        boolean stringValueIs(final byte[] value)
        {
            if (peek() != '"')
            {
                skipValue();
                return false;
            }
            position++;
            final int start = position;
            final int stop = skipStringBody();
            return java.util.Arrays.equals(bytes, start, stop, value, 0, value.length);
        }

        Role roleValue()
        {
            if (peek() != '"')
            {
                throw new Rejection("the token's role is not a string");
            }
            position++;
            final int start = position;
            final int stop = skipStringBody();
            for (int i = 0; i < ROLES.length; i++)
            {
                if (java.util.Arrays.equals(bytes, start, stop, ROLE_NAMES[i], 0, ROLE_NAMES[i].length))
                {
                    return ROLES[i];
                }
            }
            throw new Rejection("the token's role is not one of participant, merchant, gate, admin");
        }

        /** {@code sub}: a string of a canonical decimal in [1, 2^53 − 1]. */
        long decimalStringValue(final String claim)
        {
            if (peek() != '"')
            {
                throw new Rejection("the token's " + claim + " is not a string");
            }
            position++;
            final int start = position;
            final int stop = skipStringBody();
            final long value = canonicalDecimal(start, stop);
            if (value < 1)
            {
                throw new Rejection("the token's " + claim + " is not a decimal user id in [1, 2^53 - 1]");
            }
            return value;
        }

        /** A time in whole seconds: an integer in [0, 2^53 − 1]. */
        long timeValue(final String claim)
        {
            final long value = integer();
            if (value < 0)
            {
                throw new Rejection("the token's " + claim + " is not a time in whole seconds below 2^53");
            }
            return value;
        }

        long positiveIdValue(final String claim)
        {
            final long value = integer();
            if (value < 1)
            {
                throw new Rejection("the token's " + claim + " is not a positive id below 2^53");
            }
            return value;
        }

        /** A JSON integer without fraction or exponent in [0, 2^53 − 1]; -1 otherwise. */
        private long integer()
        {
            final int start = position;
            while (position < end && bytes[position] >= '0' && bytes[position] <= '9')
            {
                position++;
            }
            if (position < end && (bytes[position] == '.' || bytes[position] == 'e' || bytes[position] == 'E' ||
                bytes[position] == '-' || bytes[position] == '+'))
            {
                skipValueFrom(start);
                return -1;
            }
            if (position == start)
            {
                skipValue();
                return -1;
            }
            return canonicalDecimal(start, position);
        }

        /** Digits with no leading zero (but "0"), at most 2^53 − 1; -1 otherwise. */
        private long canonicalDecimal(final int start, final int stop)
        {
            if (stop == start || stop - start > 16 || (bytes[start] == '0' && stop - start > 1))
            {
                return -1;
            }
            long value = 0;
            for (int i = start; i < stop; i++)
            {
                final byte b = bytes[i];
                if (b < '0' || b > '9')
                {
                    return -1;
                }
                value = value * 10 + (b - '0');
            }
            return value <= MAX_ID ? value : -1;
        }

        void skipValue()
        {
            skipValueFrom(position);
        }

        private void skipValueFrom(final int from)
        {
            position = from;
            int depth = 0;
            do
            {
                skipSpace();
                final byte b = peek();
                if (b == '"')
                {
                    position++;
                    skipStringBody();
                }
                else if (b == '{' || b == '[')
                {
                    if (++depth > MAX_DEPTH)
                    {
                        throw new Rejection("the token's JSON is nested deeper than " + MAX_DEPTH);
                    }
                    position++;
                    continue;
                }
                else if (b == '}' || b == ']')
                {
                    if (depth == 0)
                    {
                        throw new Rejection("the token's JSON is not well formed");
                    }
                    depth--;
                    position++;
                }
                else if (b == ',' || b == ':')
                {
                    if (depth == 0)
                    {
                        throw new Rejection("the token's JSON is not well formed");
                    }
                    position++;
                    continue;
                }
                else
                {
                    skipScalar();
                }
            }
            while (depth > 0);
        }

        private void skipScalar()
        {
            final int start = position;
            while (position < end && isScalarByte(bytes[position]))
            {
                position++;
            }
            if (position == start)
            {
                throw new Rejection("the token's JSON is not well formed");
            }
        }

        private static boolean isScalarByte(final byte b)
        {
            return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b == '-' || b == '+' || b == '.' || b == 'E';
        }

        /** From just after an opening quote to just after the closing one; returns where the content ends. */
        private int skipStringBody()
        {
            while (position < end)
            {
                final byte b = bytes[position];
                if (b == '"')
                {
                    return position++;
                }
                if (b == '\\')
                {
                    position++;
                }
                else if ((b & 0xff) < 0x20)
                {
                    throw new Rejection("the token's JSON has a control character in a string");
                }
                position++;
            }
            throw new Rejection("the token's JSON has an unterminated string");
        }

        private void skipSpace()
        {
            while (position < end && (bytes[position] == ' ' || bytes[position] == '\t' || bytes[position] == '\n' ||
                bytes[position] == '\r'))
            {
                position++;
            }
        }

        private byte peek()
        {
            if (position >= end)
            {
                throw new Rejection("the token's JSON ends too early");
            }
            return bytes[position];
        }

        private void expect(final char c, final String what)
        {
            if (peek() != c)
            {
                throw new Rejection("the token's JSON wants " + what + " at byte " + position);
            }
            position++;
        }
    }
}
