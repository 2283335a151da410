using FleetOps.Core.Contracts;
using FleetOps.Workflows.Queue;

namespace FleetOps.Workflows.Tests.Queue;

/// <summary>A poison record always fits one queue message, whatever the errors and the original message weigh.</summary>
public sealed class PoisonRecordsTests
{
    private static PoisonMessage Record(int errors, int errorChars, int messageChars) =>
        new(new string('r', 5_000),
            [.. Enumerable.Range(0, errors).Select(i => new ValidationError($"targets[{i}].address", new string('e', errorChars)))],
            "sweep-requests", "id-1", 5, DateTimeOffset.UnixEpoch, new string('m', messageChars));

    [Theory]
    [InlineData(5_000, 2_000, 10)]       // thousands of long errors
    [InlineData(1, 10, 60_000)]          // a message near the queue's limit
    [InlineData(5_000, 2_000, 60_000)]   // both
    public void A_compacted_record_fits_and_says_what_was_cut(int errors, int errorChars, int messageChars)
    {
        var full = Record(errors, errorChars, messageChars);
        Assert.False(PoisonRecords.Fits(full));

        var withBlob = PoisonRecords.Compact(full, details: "fleetops-poison/sweep-requests/id-1.json");
        var withoutBlob = PoisonRecords.Compact(full, details: null);

        foreach (var compact in new[] { withBlob, withoutBlob })
        {
            Assert.True(PoisonRecords.Fits(compact), $"{PoisonRecords.Size(compact)} bytes");
            Assert.True(compact.Truncated);
            Assert.Equal(errors, compact.ErrorsTotal);
            Assert.InRange(compact.Errors!.Count, 1, PoisonRecords.MaxErrors);
        }
        Assert.Equal("fleetops-poison/sweep-requests/id-1.json", withBlob.Details);
    }
}
