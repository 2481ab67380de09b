package io.startline.gateway.pipeline;

/**
 * Every rule of {@link PipelineReplayTest} again, with the four stages run on one thread
 * ({@link PipelineContext.StageLayout#FUSED}).
 */
class FusedPipelineReplayTest extends PipelineReplayTest
{
    @Override
    PipelineContext.StageLayout layout()
    {
        return PipelineContext.StageLayout.FUSED;
    }
}
