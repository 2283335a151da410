using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>
/// What the request fuzzing found in the syntax pass, by class: errors that name no field (an empty key), library
/// messages that quote the request at length, and text System.Text.Json cannot read back as a string.
/// </summary>
public sealed class RequestTextTests
{
    private static RequestValidationException Invalid(string json) => RequestReaderTests.Invalid(json);

    [Theory]
    [InlineData("""{"":1}""", "''")]
    [InlineData("""{"targets":[],"":[0.5]}""", "''")]
    [InlineData("""{"options":{"":1}}""", "options.''")]
    [InlineData("""{"targets":[{"name":"a","address":"h:1","":2}]}""", "targets[0].''")]
    public void An_unknown_empty_key_is_named_as_quotes_never_as_an_empty_field(string json, string field) =>
        Assert.Equal(field, Assert.Single(Invalid(json).Errors).Field);

    [Theory]
    [InlineData("f/* c */alse")]
    [InlineData("tru")]
    [InlineData("nul")]
    public void A_broken_literal_of_any_length_is_quoted_cut(string start)
    {
        var json = $$"""{"targets":{{start}}{{string.Concat(Enumerable.Repeat(",false", 5_000))}}}""";
        var error = Assert.Single(Invalid(json).Errors);
        Assert.Equal("body", error.Field);
        Assert.InRange(error.Message.Length, 1, 300); // RequestReader.MaxMessageChars and " (line 1, byte N)"
        Assert.Contains("chars)", error.Message);
    }

    [Theory]
    [InlineData("""{"name":"\ud800","targets":[],"checks":[]}""")]
    [InlineData("""{"name":"x\udc00y","targets":[],"checks":[]}""")]
    [InlineData("""{"\ud83d":1}""")]
    public void A_u_escape_that_is_half_a_character_is_a_400_naming_the_body(string json)
    {
        var error = Assert.Single(Invalid(json).Errors);
        Assert.Equal("body", error.Field);
        Assert.Contains("surrogate", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_a_400_naming_the_body()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name":"ab","targets":[]}""");
        bytes[9] = 0xff;
        var error = Assert.Single(Assert.Throws<RequestValidationException>(() => RequestReader.ParseSweep(bytes)).Errors);
        Assert.Equal("body", error.Field);
        Assert.Contains("byte 10", error.Message);
    }

    [Theory]
    [InlineData("""{"hosts":[{"name":"\ud800","address":"127.0.0.1:1"}]}""", InventoryFormat.Native)]
    [InlineData("""[{"targets":["127.0.0.1:1"],"labels":{"\udfff":"x"}}]""", InventoryFormat.FileSd)]
    public void An_inventory_with_half_a_character_is_a_format_error(string text, InventoryFormat format) =>
        Assert.Contains("surrogate", Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(text, format)).Message);

    [Theory]
    [InlineData("")]
    [InlineData("X-A-HEADER-NAME-THAT-GOES-ON-AND-ON-AND-ON-AND-ON-AND-ON-AND-ON-AND-ON-AND-ON-AND-ON-AND-ON")]
    public void A_header_name_in_a_field_is_cut_and_never_empty(string name)
    {
        var json = $$$"""{"targets":[{"name":"a","address":"127.0.0.1:1"}],"checks":[{"kind":"http","headers":{"{{{name}}}":7}}]}""";
        var error = Assert.Single(Invalid(json).Errors);
        Assert.StartsWith("checks[0].headers.", error.Field);
        Assert.InRange(error.Field.Length, "checks[0].headers.".Length + 2, "checks[0].headers.".Length + Echo.MaxChars + 20);
    }
}
