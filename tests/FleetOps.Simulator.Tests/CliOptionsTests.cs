using FleetOps.Simulator.Cli;

namespace FleetOps.Simulator.Tests;

public sealed class CliOptionsTests
{
    [Fact]
    public void Parses_the_documented_options()
    {
        var options = CliOptions.Parse(
            ["--nodes", "500", "--down", "0.05", "--slow", "0.1", "--wrong-status", "0.05", "--hang", "0.02",
             "--blackhole", "0.01", "--slow-delay-ms", "250", "--wrong-status-code", "500", "--prefix", "web-",
             "--targets-out", "t.json"]);

        Assert.False(options.ShowHelp);
        Assert.Equal("t.json", options.Outputs.TargetsOut);
        Assert.Equal(new FleetSpec
        {
            Nodes = 500, Down = 0.05, Slow = 0.1, WrongStatus = 0.05, Hang = 0.02, Blackhole = 0.01,
            SlowDelay = TimeSpan.FromMilliseconds(250), WrongStatusCode = 500, NamePrefix = "web-",
        }, options.Spec);
    }

    [Fact]
    public void Parses_ports_control_and_grpc_options()
    {
        var options = CliOptions.Parse(
            ["--ports", "20000-20099", "--control-port", "0", "--grpc", "tls", "--grpc-service", "web.v1", "--grpc-not-serving", "0.1",
             "--grpc-service-unknown", "0.05", "--grpc-down", "0.02", "--grpc-hang", "0.01", "--grpc-targets-out", "g.json",
             "--grpc-cert-out", "c.pem"]);

        Assert.Equal(new PortRange(20000, 20099), options.Spec.Ports);
        Assert.Equal(0, options.Spec.ControlPort);
        Assert.Equal(new GrpcSpec
        {
            Transport = GrpcTransport.Tls, Service = "web.v1", NotServing = 0.1, ServiceUnknown = 0.05, Down = 0.02, Hang = 0.01,
        }, options.Spec.Grpc);
        Assert.Equal(new CliOutputs(GrpcTargetsOut: "g.json", GrpcCertOut: "c.pem"), options.Outputs);
        Assert.Equal(new PortRange(20000, 20000), CliOptions.Parse(["--ports", "20000"]).Spec.Ports);
        Assert.Equal(GrpcTransport.H2c, CliOptions.Parse(["--grpc-hang", "0.5"]).Spec.Grpc!.Transport);
    }

    [Fact]
    public void No_arguments_give_the_default_fleet()
    {
        var options = CliOptions.Parse([]);

        Assert.Equal(new FleetSpec(), options.Spec);
        Assert.Equal(new CliOutputs(), options.Outputs);
    }

    [Theory]
    [InlineData("--nodes", "many")]
    [InlineData("--down", "1.5")]
    [InlineData("--frobnicate", "1")]
    [InlineData("--nodes")]
    [InlineData("--ports", "20100-20000")]
    [InlineData("--ports", "0-10")]
    [InlineData("--ports", "70000")]
    [InlineData("--ports", "a-b")]
    [InlineData("--grpc", "h3")]
    [InlineData("--grpc-down", "2")]
    [InlineData("--grpc-frobnicate", "1")]
    [InlineData("--grpc-targets-out", "g.json")]
    [InlineData("--grpc", "h2c", "--grpc-cert-out", "c.pem")]
    public void Bad_arguments_are_format_errors(params string[] args) =>
        Assert.Throws<FormatException>(() => CliOptions.Parse(args));

    [Fact]
    public void Help_wins() => Assert.True(CliOptions.Parse(["--nodes", "3", "--help"]).ShowHelp);
}
