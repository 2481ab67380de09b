package io.startline.gateway.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's defaults for a small machine: fused, and then waiting by blocking, since the
 * one stage waits only for the ring; staged stages back off instead of blocking, since
 * Disruptor's blocking strategy spins on the stage in front. A strategy set is kept.
 */
class PipelineContextTest
{
    @Test
    void byDefaultThePipelineIsFusedAndItsStageBlocksUntilAProducerSignals()
    {
        final PipelineContext context = new PipelineContext();
        assertThat(context.stageLayout()).isEqualTo(PipelineContext.StageLayout.FUSED);
        assertThat(context.waitStrategy()).isEqualTo(PipelineContext.WaitStrategyKind.BLOCKING);
    }

    @Test
    void stagedStagesBackOffUnlessAStrategyIsSet()
    {
        final PipelineContext context = new PipelineContext();
        assertThat(context.waitStrategyFor(PipelineContext.StageLayout.STAGED))
            .isEqualTo(PipelineContext.WaitStrategyKind.SLEEPING);
        assertThat(context.stageLayout(PipelineContext.StageLayout.STAGED).waitStrategy())
            .isEqualTo(PipelineContext.WaitStrategyKind.SLEEPING);

        context.waitStrategy(PipelineContext.WaitStrategyKind.YIELDING);
        assertThat(context.waitStrategyFor(PipelineContext.StageLayout.STAGED))
            .isEqualTo(PipelineContext.WaitStrategyKind.YIELDING);
        assertThat(context.waitStrategyFor(PipelineContext.StageLayout.FUSED))
            .isEqualTo(PipelineContext.WaitStrategyKind.YIELDING);
    }
}
