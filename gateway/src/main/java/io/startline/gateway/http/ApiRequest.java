package io.startline.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.startline.engine.EngineContext;
import io.startline.engine.codec.IdempotentEncoder;
import io.startline.engine.codec.MessageHeaderDecoder;
import io.startline.engine.codec.MessageHeaderEncoder;
import io.startline.engine.codec.RejectedDecoder;
import io.startline.engine.domain.TemplateIds;
import io.startline.gateway.link.ResultListener;
import io.startline.gateway.link.SubmitStatus;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * One API request on its way: who called, what they sent, and the engine calls that answer
 * it. Everything here runs on the request's IO thread; engine results come back to it.
 */
public final class ApiRequest
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequest.class);

    final HttpServerExchange exchange;
    final RouteSpec route;
    final Caller caller;
    final byte[] body;
    final long startNs;
    /**
     * Null unless the request is a POST, PATCH or DELETE with an {@code Idempotency-Key}, or a write the gateway keyed
     * itself because its link re-sends ({@link #mintedKey}).
     */
    Idempotency.Tag idempotency;
    /** The key the gateway gave a write that came without one; null otherwise. */
    private String mintedKey;
    private final RequestServer api;
    private JsonBody json;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final IdempotentEncoder idempotent = new IdempotentEncoder();

    ApiRequest(final RequestServer api, final HttpServerExchange exchange, final RouteSpec route, final Caller caller,
        final byte[] body, final long startNs, final Idempotency.Tag idempotency)
    {
        this.api = api;
        this.exchange = exchange;
        this.route = route;
        this.caller = caller;
        this.body = body;
        this.startNs = startNs;
        this.idempotency = idempotency;
    }

    public Caller caller()
    {
        return caller;
    }

    /** The request's JSON object; 400 when there is none or it is malformed. */
    public JsonBody json()
    {
        if (json == null)
        {
            if (body == null || body.length == 0)
            {
                throw ApiException.badRequest(null, "a JSON body is required");
            }
            json = Json.parseObject(body);
        }
        return json;
    }

    /**
     * A numeric path parameter such as {@code {raceId}}: a canonical decimal (digits only, no sign,
     * no leading zero), so that one resource has one path; anything else is 404.
     */
    public long pathId(final String name, final String notFoundCode)
    {
        final String value = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
        final long id = canonicalPositiveId(value);
        if (id > 0)
        {
            return id;
        }
        throw ApiException.notFound(notFoundCode, name + " " + value + " does not exist");
    }

    /** @return the id {@code text} writes canonically, in [1, Long.MAX_VALUE]; -1 for any other text. */
    static long canonicalPositiveId(final String text)
    {
        final int maxDigits = 19;
        if (text == null || text.isEmpty() || text.length() > maxDigits || text.charAt(0) == '0')
        {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            id = id * 10 + (c - '0');
            if (id < 0)
            {
                return -1;
            }
        }
        return id;
    }

    /** A query parameter, or null. */
    public String query(final String name)
    {
        final Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * A whole-number query parameter from {@code min} to {@code max}, or {@code absent} when the
     * request has none; anything else is a 400 naming it.
     */
    public long queryLong(final String name, final long min, final long max, final long absent)
    {
        final String text = query(name);
        if (text == null)
        {
            return absent;
        }
        final long value = "0".equals(text) ? 0 : canonicalPositiveId(text);
        if (value < 0 || value < min || value > max)
        {
            throw ApiException.badRequest(name, name + " must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    /**
     * One page of a list: {@code after}, the id the page starts after (0, the default, for the
     * first page), and {@code limit}, its most rows.
     */
    public record Page(long after, int limit)
    {
        /** Rows a page carries when the request does not say. */
        public static final int LIMIT_DEFAULT = 50;

        /** Adds where the next page starts, from the engine's {@code nextAfter}: null after the last page. */
        public static ObjectNode withNext(final ObjectNode reply, final long nextAfter)
        {
            return nextAfter == 0 ? reply.putNull("next") : reply.put("next", nextAfter);
        }
    }

    public Page page()
    {
        return new Page(queryLong("after", 0, Long.MAX_VALUE, 0),
            (int)queryLong("limit", 1, EngineContext.LIST_PAGE_ROWS_MAX, Page.LIMIT_DEFAULT));
    }

    /** Exports are CSV: a {@code format} other than {@code csv} is a 400. */
    public void csvOnly()
    {
        final String format = query("format");
        if (format != null && !"csv".equals(format))
        {
            throw ApiException.badRequest("format", "format must be csv");
        }
    }

    /**
     * Sends one command or query to the engine (the single node's pipeline, or the cluster); the
     * handler gets the result on this request's IO thread, once the command is durable (journaled,
     * or committed by a majority of members). A refusal becomes an API.md error.
     */
    public void engine(final Encoder encoder, final ResultHandler handler)
    {
        engine(encoder, handler, UnaryOperator.identity());
    }

    /**
     * As {@link #engine(Encoder, ResultHandler)}, with the refusal passed through {@code refusal}
     * first: a check made with a query can report what is missing in the route's own terms (a
     * booking, where the query knows only reservations).
     */
    public void engine(final Encoder encoder, final ResultHandler handler, final UnaryOperator<ApiException> refusal)
    {
        UnsafeBuffer buffer = api.scratch();
        int length = encoder.encode(buffer);
        final boolean write = !TemplateIds.isQuery(buffer, 0);
        final boolean keyable = write && TemplateIds.takesIdempotencyKey(buffer, 0);
        if (keyable && idempotency == null && api.link().keysEveryWrite())
        {
            mintedKey = Idempotency.mintKey();
            idempotency = Idempotency.Tag.of(Idempotency.scopedKey(caller, exchange, mintedKey), body);
        }
        if (idempotency != null && keyable)
        {
            final UnsafeBuffer keyed = api.keyedScratch();
            final int prefix = idempotent.wrapAndApplyHeader(keyed, 0, headerEncoder)
                .keyHigh(idempotency.keyHigh())
                .keyLow(idempotency.keyLow())
                .requestDigest(idempotency.requestDigest())
                .encodedLength() + MessageHeaderEncoder.ENCODED_LENGTH;
            keyed.putBytes(prefix, buffer, 0, length);
            buffer = keyed;
            length += prefix;
        }
        final SubmitStatus status = api.link().submit(buffer, 0, length, new ResultListener()
        {
            private long leadershipTermId = -1;
            private int leaderMemberId = -1;

            @Override
            public void onLeader(final long termId, final int memberId)
            {
                leadershipTermId = termId;
                leaderMemberId = memberId;
            }

            @Override
            public void onResult(final long sequence, final long timestampMs, final DirectBuffer result,
                final int offset, final int resultLength)
            {
                final byte[] copy = new byte[resultLength];
                result.getBytes(offset, copy);
                final long termId = leadershipTermId;
                final int memberId = leaderMemberId;
                exchange.getIoThread().execute(() ->
                {
                    if (termId >= 0)
                    {
                        api.describeLeader(exchange, termId, memberId, sequence);
                    }
                    ApiRequest.this.onResult(copy, handler, refusal);
                });
            }

            @Override
            public void onStopped()
            {
                exchange.getIoThread().execute(() -> ApiRequest.this.onStopped(write));
            }

            @Override
            public void onUnanswered(final boolean sent)
            {
                exchange.getIoThread().execute(() -> ApiRequest.this.onUnanswered(sent, write));
            }
        });
        switch (status)
        {
            case ACCEPTED ->
            {
            }
            case SATURATED -> throw new ApiException(503, "SATURATED",
                "the node is at capacity; nothing was accepted, retry shortly", null);
            case OVER_LATENCY_TARGET -> throw new ApiException(503, "SATURATED",
                "the node would answer later than its latency target; nothing was accepted, retry shortly", null);
            case TOO_LARGE -> throw new ApiException(413, "TOO_LARGE", "the command is larger than the engine takes",
                null);
            case CLOSED -> throw new ApiException(503, "NOT_ACCEPTING", "the node is shutting down", null);
            case FAILED -> throw new ApiException(503, "NODE_FAILED", "the node stopped after a fault (see /health) " +
                "and takes nothing until an operator restarts it; nothing of this request was taken", null);
            case MALFORMED -> throw new IllegalStateException("the gateway encoded a malformed command");
        }
    }

    /**
     * No leader answered in time. A write that reached one may have taken effect: the caller must
     * retry with the same key to learn which (never a false 2xx or 409). One that never left the
     * gateway did not, and neither did a query.
     */
    private void onUnanswered(final boolean sent, final boolean write)
    {
        if (!sent || !write)
        {
            api.finish(this, Reply.error(new ApiException(503, "NO_LEADER", "no cluster leader answered in time; " +
                (write ? "the write was not sent and did not take effect" : "nothing was read") + ": retry shortly",
                null)));
            return;
        }
        if (idempotency == null)
        {
            api.finish(this, Reply.error(new ApiException(503, "OUTCOME_UNKNOWN", "the cluster changed leader and " +
                "no leader confirmed this request in time; it is safe to repeat: retry shortly", null)));
            return;
        }
        finishUnknownWithKey("the cluster changed leader and no leader confirmed this write in time; it may or may " +
            "not have taken effect: ", idempotencyKey());
    }

    /**
     * The node stopped after a fault with this request in its ring. A read took nothing; a write
     * may be in the journal or not, and only the restarted node can say which.
     */
    private void onStopped(final boolean write)
    {
        final String stopped = "the node stopped after a fault (see /health) before answering; ";
        if (!write)
        {
            api.finish(this, Reply.error(new ApiException(503, "NODE_FAILED", stopped + "nothing was read", null)));
            return;
        }
        final String key = idempotencyKey();
        if (key == null)
        {
            api.finish(this, Reply.error(new ApiException(503, "OUTCOME_UNKNOWN", stopped + "this write may or may " +
                "not have been journaled: once the node is restarted, read before repeating it", null)));
            return;
        }
        finishUnknownWithKey(stopped + "this write may or may not have been journaled: once the node is restarted, ",
            key);
    }

    /** The key this write's one outcome is kept under: the caller's, or the one the gateway minted. */
    private String idempotencyKey()
    {
        return mintedKey != null ? mintedKey : exchange.getRequestHeaders().getFirst(RequestServer.IDEMPOTENCY_KEY);
    }

    /** 503 OUTCOME_UNKNOWN telling the caller why, and to retry with {@code key} for the one outcome. */
    private void finishUnknownWithKey(final String why, final String key)
    {
        api.finishUnknown(this, Reply.error(new ApiException(503, "OUTCOME_UNKNOWN", why + "retry with the same " +
            "Idempotency-Key (" + key + ") to get its one outcome", "Idempotency-Key")), key);
    }

    public void reply(final Reply reply)
    {
        api.finish(this, reply);
    }

    private void onResult(final byte[] result, final ResultHandler handler, final UnaryOperator<ApiException> refusal)
    {
        Reply reply;
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(result);
            header.wrap(buffer, 0);
            if (header.templateId() == RejectedDecoder.TEMPLATE_ID)
            {
                final RejectedDecoder rejected = new RejectedDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version());
                route.recordOutcome(rejected.code());
                throw refusal.apply(Rejections.toException(rejected.code(), rejected.subjectId(), rejected.field()));
            }
            route.recordOutcome(null);
            reply = handler.onResult(buffer, header.templateId());
        }
        catch (final ApiException ex)
        {
            reply = Reply.error(ex);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{} {}: mapping the engine's result failed", route.method(), route.template(), ex);
            reply = Reply.error(new ApiException(500, "INTERNAL", "the node could not form its answer", null));
        }
        if (reply != null)
        {
            api.finish(this, reply);
        }
    }

    /** The body of a successful result, for the route's decoder. */
    public static int bodyOffset()
    {
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    /** Reads the acting version and block length of a result for a decoder's {@code wrap}. */
    public static int blockLength(final DirectBuffer result)
    {
        return result.getShort(MessageHeaderDecoder.blockLengthEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    public static int version(final DirectBuffer result)
    {
        return result.getShort(MessageHeaderDecoder.versionEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
