using System.Text;
using FleetOps.Api.Tests.Support;
using FleetOps.Core.Contracts;
using FleetOps.Workflows.Inventories;
using FleetOps.Workflows.Rollouts;
using FleetOps.Workflows.Sweeps;

namespace FleetOps.Api.Tests;

/// <summary>
/// Sweep and rollout bodies that are not text System.Text.Json can read back (bytes that are not UTF-8, a \u escape
/// that is half a character) are a 400 naming <c>body</c> from both parsers the start routes call, not an
/// InvalidOperationException (a 500) from the first reader that asks for the string.
/// </summary>
public sealed class RequestTextTests
{
    private static readonly TargetSource Targets = new(new InventoryStore(AbsentStorage.Clients(), new ParsedInventoryCache()));
    private static readonly FleetOps.Workflows.Notifiers.NotifierStore Notifiers = new(AbsentStorage.Clients(), TimeProvider.System);

    public static TheoryData<string> NotText => new()
    {
        """{"targets":[{"name":"\ud800","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"action":{"url":"http://{{address}}/"}}""",
        """{"targets":[{"name":"a","address":"127.0.0.1:1","labels":{"\udc00x":"v"}}],"checks":[{"kind":"tcp"}],"action":{"url":"http://{{address}}/"}}""",
        """{"inventoryInline":{"format":"file-sd","content":"[{\"targets\":[\"\ud83d\"]}]"},"checks":[{"kind":"tcp"}],"action":{"url":"http://{{address}}/"}}""",
        "INVALID-UTF8",
    };

    private static byte[] Bytes(string json)
    {
        if (json != "INVALID-UTF8") return Encoding.UTF8.GetBytes(json);
        var bytes = Encoding.UTF8.GetBytes("""{"targets":[{"name":"ab","address":"127.0.0.1:1"}],"checks":[{"kind":"tcp"}],"action":{"url":"http://{{address}}/"}}""");
        bytes[22] = 0xc3; // a lead byte with no continuation byte after it
        return bytes;
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task A_sweep_that_is_not_text_is_refused_naming_the_body(string json)
    {
        var e = await Assert.ThrowsAsync<RequestValidationException>(() => new SweepRequestParser(Targets, SweepLimits.Default).ParseAsync(Bytes(json), default));
        Assert.Contains(e.Errors, error => error.Field == "body");
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task A_rollout_that_is_not_text_is_refused_naming_the_body(string json)
    {
        var e = await Assert.ThrowsAsync<RequestValidationException>(() => new RolloutRequestParser(Targets, Notifiers).ParseAsync(Bytes(json), default));
        Assert.Contains(e.Errors, error => error.Field == "body");
    }
}
