namespace FleetOps.Api.Tests;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/json; charset=utf8", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/vnd.fleetops.sweep+json; version=2", true)]
    [InlineData("application/json; profile=\"xml\"", true)]
    [InlineData("application/xml; profile=json", false)]
    [InlineData("application/xml+json2", false)]
    [InlineData("text/json", false)]
    [InlineData("application/jsonp", false)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("*/*", false)]
    [InlineData("application/*", false)]
    [InlineData("json", false)]
    [InlineData("multipart/form-data; boundary=json", false)]
    public void Json_is_decided_on_the_parsed_media_type(string? contentType, bool accepted) =>
        Assert.Equal(accepted, MediaTypes.Json.Check(contentType) is null);

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/x-yaml; charset=utf-8", true)]
    [InlineData("application/yaml", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("application/json", true)]
    [InlineData("application/xml", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("text/plain; charset=iso-8859-1", false)]
    public void An_inventory_is_a_text_file_in_utf8(string contentType, bool accepted) =>
        Assert.Equal(accepted, MediaTypes.InventoryFile.Check(contentType) is null);
}
