using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Monitors;
using FleetOps.Core.Notifiers;

namespace FleetOps.Core.Tests.Monitors;

/// <summary>
/// Found by the request fuzzing (seed 3): monitor and notifier definitions listed every error, as sweeps once did,
/// and an inventory's unknown top-level key came back whole in its path. Errors are capped like a sweep's
/// (<see cref="ValidationErrors.MaxListed"/> and a count of the rest); a path is cut like any echo.
/// </summary>
public sealed class DefinitionErrorCapTests
{
    private static T Read<T>(string json) where T : class => RequestReader.Deserialize<T>(Encoding.UTF8.GetBytes(json));

    private static void AssertCapped(IReadOnlyList<ValidationError> errors)
    {
        Assert.Equal(ValidationErrors.MaxListed + 1, errors.Count);
        Assert.Equal(ValidationErrors.MoreField, errors[^1].Field);
        Assert.Contains("more problems are not listed", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_monitor_wrong_a_thousand_times_lists_the_first_hundred_and_counts_the_rest()
    {
        // Wrong three ways: the targets (the sweep validator caps its own list), their parent links, the time zone.
        var targets = string.Join(",", Enumerable.Range(0, 1_000).Select(i => $$$"""{"name":"t{{{i}}}","address":"no port {{{i}}}","labels":{"parent":"nobody"}}"""));
        var errors = MonitorDefinitionValidator.Validate(Read<MonitorDefinition>(
            $$"""{"name":"m","targets":[{{targets}}],"checks":[{"kind":"tcp"}],"interval":"30s","timeZone":"Nowhere/Else"}"""));

        AssertCapped(errors);
        // every problem counted: 1,000 addresses, 1,000 parent links and the time zone, 100 of them listed
        Assert.StartsWith($"{2_001 - ValidationErrors.MaxListed} more", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notifier_wrong_a_thousand_times_lists_the_first_hundred_and_counts_the_rest()
    {
        var headers = string.Join(",", Enumerable.Range(0, 1_000).Select(i => $$"""" "bad header {{i}}":"v" """"));
        var errors = NotifierDefinitionValidator.Validate(Read<NotifierDefinition>("""{"kind":"webhook","url":"http://127.0.0.1:1/x","headers":{""" + headers + "}}"));

        AssertCapped(errors);
    }

    [Theory]
    [InlineData(InventoryFormat.Native, """{"HUGE":1,"hosts":[]}""")]
    [InlineData(InventoryFormat.AnsibleYaml, """{"HUGE":{"bogus":1}}""")]
    public void An_unknown_top_level_key_of_any_length_comes_back_cut(InventoryFormat format, string text)
    {
        var e = Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(text.Replace("HUGE", new string('{', 3_000), StringComparison.Ordinal), format));

        Assert.InRange(e.Message.Length, 1, 400);
        Assert.Contains("chars)", e.Message, StringComparison.Ordinal);
    }
}
