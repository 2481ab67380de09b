package io.startline.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import org.HdrHistogram.Histogram;

import java.util.concurrent.locks.LockSupport;

/**
 * The floor under the pipeline's latency on this machine: the same ring, wait strategy and
 * paced producer as {@link PipelineBench}, but stages that do nothing. Whatever latency this
 * shows is the operating system's wake-ups and scheduling, not Startline.
 * <p>
 * {@code java -cp bench/target/benchmarks.jar io.startline.bench.pipeline.RingFloor [stages] [rate]}
 */
public final class RingFloor
{
    private static final int COMMANDS = 500_000;

    private RingFloor()
    {
    }

    /** One ring entry: when it was due. */
    private static final class Due
    {
        long dueNs;
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int stages = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final Disruptor<Due> disruptor = new Disruptor<>(Due::new, 16_384, runnable ->
        {
            final Thread thread = new Thread(runnable, "ring-floor");
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, new SleepingWaitStrategy());
        final EventHandler<Due> nothing = (event, sequence, endOfBatch) -> { };
        EventHandlerGroup<Due> group = disruptor.handleEventsWith(nothing);
        for (int i = 1; i < stages; i++)
        {
            group = group.then(nothing);
        }
        group.then((event, sequence, endOfBatch) -> histogram.recordValue(Math.max(0, System.nanoTime() - event.dueNs)));
        final RingBuffer<Due> ring = disruptor.start();

        final long intervalNs = 1_000_000_000L / rate;
        for (int round = 1; round <= 2; round++)
        {
            histogram.reset();
            final long startNs = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++)
            {
                final long due = startNs + i * intervalNs;
                long early;
                while ((early = due - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(early);
                }
                final long sequence = ring.next();
                ring.get(sequence).dueNs = due;
                ring.publish(sequence);
            }
            Thread.sleep(200);
            System.out.printf("ring floor, %d no-op stages + recorder, %,d/s, round %d: p50 %.1f µs, p90 %.1f µs, " +
                "p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n", stages, rate, round,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
        }
        disruptor.halt();
    }
}
