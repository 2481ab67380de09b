package io.startline.gateway.pipeline;

/**
 * Every rule of {@link PipelineTest} again, with the four stages run on one thread
 * ({@link PipelineContext.StageLayout#FUSED}).
 */
class FusedPipelineTest extends PipelineTest
{
    @Override
    PipelineContext.StageLayout layout()
    {
        return PipelineContext.StageLayout.FUSED;
    }
}
