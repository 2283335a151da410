using FleetOps.Core.Contracts;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>Run ids and the ids of the instances a run makes for itself are disjoint sets.</summary>
public sealed class InternalIdsTests
{
    [Theory]
    [InlineData("nightly")]
    [InlineData("nightly-chunk-0000")]
    [InlineData("a")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e")]
    public void No_valid_request_id_is_an_internal_id_and_no_internal_id_is_a_valid_request_id(string runId)
    {
        Assert.Null(RequestIds.Check(runId));
        Assert.False(InternalIds.IsInternal(runId));
        for (var k = 0; k < 3; k++)
        {
            var chunk = InternalIds.For(runId, "chunk", k);
            Assert.True(InternalIds.IsInternal(chunk));
            Assert.NotNull(RequestIds.Check(chunk));
        }
    }

    [Fact]
    public void The_old_chunk_id_of_one_run_is_no_longer_the_chunk_id_of_another()
    {
        // Before: a sweep "nightly"'s first chunk was "nightly-chunk-0000", a request id anyone could send.
        Assert.NotEqual("nightly-chunk-0000", InternalIds.For("nightly", "chunk", 0));
        Assert.Equal("nightly:chunk:0000", InternalIds.For("nightly", "chunk", 0));
    }

    [Theory]
    [InlineData("x:chunk:0000")]
    [InlineData("x:")]
    [InlineData(":x")]
    public void A_request_id_with_the_internal_separator_is_refused(string id) => Assert.NotNull(RequestIds.Check(id));
}
