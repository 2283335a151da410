using FleetOps.Core.Checks;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Tests.Targets;

public sealed class AddressParserTests
{
    [Theory]
    [InlineData("web-1", "web-1", null)]
    [InlineData("web-1:8080", "web-1", 8080)]
    [InlineData("10.0.0.1:22", "10.0.0.1", 22)]
    [InlineData("10.0.0.1", "10.0.0.1", null)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("[::1]:443", "::1", 443)]
    [InlineData("[fd00::2]:1", "fd00::2", 1)]
    [InlineData("[fe80::1%eth0]:80", "fe80::1%eth0", 80)]
    [InlineData("  web-1:80  ", "web-1", 80)]
    [InlineData("host:65535", "host", 65535)]
    [InlineData("host:080", "host", 80)]
    [InlineData("a.b.c.example.com:9", "a.b.c.example.com", 9)]
    public void Splits(string address, string host, int? port)
    {
        Assert.True(AddressParser.TrySplit(address, out var h, out var p, out var error), error);
        Assert.Equal(host, h);
        Assert.Equal(port, p);
        Assert.Null(error);
        Assert.Equal((host, port), AddressParser.Split(address));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[::1]:")]
    [InlineData("[::1]:0")]
    [InlineData("[::1]:65536")]
    [InlineData("[]")]
    [InlineData("[ ]")]
    [InlineData("[]:80")]
    [InlineData("::1")]
    [InlineData("a:b:c")]
    [InlineData("fe80::1")]
    [InlineData(":80")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:99999")]
    [InlineData("host:-1")]
    [InlineData("host:+80")]
    [InlineData("host: 80")]
    [InlineData("host:8o")]
    [InlineData("host:1e3")]
    [InlineData("host:99999999999999999999")]
    public void Rejects(string? address)
    {
        Assert.False(AddressParser.TrySplit(address, out _, out var port, out var error));
        Assert.Null(port);
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (address is not null) Assert.Throws<FormatException>(() => AddressParser.Split(address));
    }

    [Fact]
    public void Error_names_the_address()
    {
        AddressParser.TrySplit("host:99999", out _, out _, out var error);
        Assert.Contains("'host:99999'", error);
        Assert.Contains("1-65535", error);
    }

    [Fact]
    public void Target_splits_its_address()
    {
        Assert.Equal(("db", 5432), new Target("db", "db:5432").HostAndPort());
        Assert.Throws<FormatException>(() => new Target("x", "[]").HostAndPort());
    }

    [Theory]
    [InlineData("tcp", null, null, null, "tcp")]
    [InlineData("tcp", 22, null, null, "tcp:22")]
    [InlineData("http", null, null, null, "http:/")]
    [InlineData("http", 8080, "/health", null, "http:/health")]
    [InlineData("http", null, "/health", "https://x/y", "https://x/y")]
    public void Check_labels(string kind, int? port, string? path, string? url, string label) =>
        Assert.Equal(label, (kind == "tcp" ? new TcpCheck { Port = port } : (CheckSpec)new HttpCheck { Port = port, Path = path, Url = url }).Label);
}
