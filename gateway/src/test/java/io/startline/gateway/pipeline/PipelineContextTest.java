package io.startline.gateway.pipeline;

import io.startline.persistence.EnumProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aLayoutOrWaitStrategyNotKnownIsRefusedNamingThePropertyAndItsValues()
    {
        final String property = "startline.test.layout";
        System.setProperty(property, "fussed");
        try
        {
            assertThatThrownBy(() -> EnumProperty.get(property, PipelineContext.StageLayout.class,
                PipelineContext.StageLayout.FUSED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(property + " must be one of [STAGED, FUSED]: fussed");
            System.setProperty(property, "busy-spin");
            assertThat(EnumProperty.get(property, PipelineContext.WaitStrategyKind.class, null))
                .isEqualTo(PipelineContext.WaitStrategyKind.BUSY_SPIN);
        }
        finally
        {
            System.clearProperty(property);
        }
        assertThat(EnumProperty.get(property, PipelineContext.StageLayout.class,
            PipelineContext.StageLayout.STAGED)).as("unset: the default").isEqualTo(PipelineContext.StageLayout.STAGED);
        assertThatThrownBy(() -> new PipelineContext().stageLayout(null).validate())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stageLayout");
    }
}
