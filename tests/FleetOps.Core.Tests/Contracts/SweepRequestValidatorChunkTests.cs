using FleetOps.Core.Contracts;
using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Contracts;

public sealed class SweepRequestValidatorChunkTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public void Chunk_batches_must_be_between_1_and_1000(int chunkBatches, bool invalid)
    {
        var request = new SweepRequest
        {
            Targets = [new TargetSpec { Name = "a", Address = "127.0.0.1:1" }],
            Checks = [new TcpCheck()],
            Options = new SweepOptions { ChunkBatches = chunkBatches },
        };
        var errors = SweepRequestValidator.Validate(request);
        Assert.Equal(invalid, errors.Any(e => e.Field == "options.chunkBatches"));
    }
}
