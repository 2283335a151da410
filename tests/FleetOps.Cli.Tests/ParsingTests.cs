namespace FleetOps.Cli.Tests;

/// <summary>What the command line accepts and refuses, before anything runs: a refusal names the option and exits 2.</summary>
public sealed class ParsingTests
{
    /// <summary>FILE in a command line: a file that exists.</summary>
    private static readonly string ExistingFile = Path.GetTempFileName();

    private static IReadOnlyList<string> Errors(string commandLine) => Cli.Errors(commandLine.Replace("FILE", ExistingFile, StringComparison.Ordinal));

    [Theory]
    [InlineData("demo")]
    [InlineData("demo --nodes 5000 --out x --repo .")]
    [InlineData("sweep FILE --check tcp --check http:/health --out x --server http://127.0.0.1:1 --api-key k --no-wait")]
    [InlineData("rollout FILE -s https://fleet.example --out x")]
    [InlineData("run some-id status --json")]
    [InlineData("run some-id approve --by alice --reason \"canary ok\"")]
    [InlineData("run some-id cancel")]
    [InlineData("run some-id retune --concurrency 20 --action-failures 3 --gate-failures 5% --on-exceeded rollback --by bob")]
    [InlineData("runs --status Running --status Failed --kind rollout --limit 1000 --json")]
    [InlineData("watch some-id --out x")]
    [InlineData("inventories list --json")]
    [InlineData("inventories get prod --selector group=web")]
    [InlineData("inventories put prod FILE --format ansible-ini")]
    [InlineData("inventories delete prod")]
    [InlineData("bench --sizes 1000,10000 --naive-max 0 --concurrency 512 --rollout-nodes 0 --record x.md --repo .")]
    [InlineData("bench --monitors 10000@30s --duration 5m --record x.md")]
    [InlineData("bench --monitors 10000@30s,100000@1m --cycles 10 --concurrency 64")]
    [InlineData("completions bash")]
    public void Documented_forms_parse_without_errors(string commandLine)
    {
        Assert.Empty(Errors(commandLine));
    }

    [Theory]
    [InlineData("demo --nodes 0", "--nodes must be from 1 to 5000, not 0")]
    [InlineData("demo --nodes 5001", "--nodes must be from 1 to 5000, not 5001")]
    [InlineData("demo --nodes many", "--nodes 'many' is not a whole number")]
    [InlineData("run some-id retune --concurrency 2.5", "--concurrency '2.5' is not a whole number")]
    [InlineData("demo --nodez 5", "--nodez")]
    [InlineData("sweeep", "sweeep")]
    [InlineData("sweep does-not-exist.json", "does-not-exist.json")]
    [InlineData("sweep FILE --check icmp", "--check 'icmp': expected tcp or http:/path")]
    [InlineData("sweep FILE --server ftp://x", "--server 'ftp://x' is not an http:// or https:// URL")]
    [InlineData("run some-id", "action")]
    [InlineData("run some-id deploy", "deploy")]
    [InlineData("run some-id retune", "retune needs --concurrency, --action-failures, --gate-failures or --on-exceeded")]
    [InlineData("run some-id approve --concurrency 3", "--concurrency applies to retune only, not to approve")]
    [InlineData("run some-id status --gate-failures 3", "--gate-failures applies to retune only, not to status")]
    [InlineData("run some-id cancel --by alice", "--by applies to approve, reject, pause, resume, retune, not to cancel")]
    [InlineData("run some-id retune --reason why --concurrency 2", "--reason applies to approve, reject, pause, resume, not to retune")]
    [InlineData("run some-id retune --concurrency 257", "--concurrency must be from 1 to 256, not 257")]
    [InlineData("run some-id retune --gate-failures 120%", "--gate-failures: '120%' is out of range 0%-100%")]
    [InlineData("run some-id retune --action-failures lots", "--action-failures: 'lots' is neither a number of failures")]
    [InlineData("run some-id retune --on-exceeded panic", "panic")]
    [InlineData("runs --status Bogus", "Bogus")]
    [InlineData("runs --status running", "running")]
    [InlineData("runs --kind monitor", "monitor")]
    [InlineData("runs --limit 0", "--limit must be from 1 to 1000, not 0")]
    [InlineData("inventories", "Required command was not provided")]
    [InlineData("inventories put prod FILE --format xml", "xml")]
    [InlineData("bench --sizes 1000,x", "--sizes '1000,x': 'x' is not a fleet size from 1 to 1000000")]
    [InlineData("bench --sizes 0", "'0' is not a fleet size")]
    [InlineData("bench --naive-max -1", "--naive-max must be from 0 to 100000, not -1")]
    [InlineData("bench --concurrency 513", "--concurrency must be from 1 to 512, not 513")]
    [InlineData("bench --rollout-nodes 15001", "--rollout-nodes must be from 0 to 15000, not 15001")]
    [InlineData("bench --monitors 10000@5s", "--monitors: '10000@5s': the interval '5s' is not a duration of at least 10s")]
    [InlineData("bench --monitors 10000@30s --duration 5", "--duration '5' is not a duration")]
    [InlineData("bench --monitors 10000@30s --duration 5m --cycles 3", "--duration and --cycles: give one of them")]
    [InlineData("bench --cycles 3", "--duration and --cycles go with --monitors")]
    [InlineData("completions fish", "fish")]
    public void Bad_input_is_a_parse_error_that_names_it(string commandLine, string expected)
    {
        var errors = Errors(commandLine);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("demo", "--nodes", "0")]
    [InlineData("run", "x", "retune")]
    [InlineData("sweeep")]
    [InlineData("runs", "--limit", "1001")]
    public async Task A_parse_error_exits_2_with_the_error_and_the_usage_on_stderr(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Empty(result.Out);
        Assert.Contains("Usage:", result.Err);
    }

    [Fact]
    public async Task Help_exits_0_on_stdout()
    {
        var result = await Cli.RunAsync("run", "--help");
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("fleetops run <id> <action> [options]", result.Out);
        Assert.Empty(result.Err);
    }

    [Fact]
    public async Task Demo_with_a_repo_that_is_not_a_checkout_says_what_it_needs_and_exits_2()
    {
        var dir = Directory.CreateTempSubdirectory("not-a-checkout").FullName;
        var result = await Cli.RunAsync("demo", "--repo", dir);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal($"fleetops: --repo {dir} is not a FleetOps checkout: it needs Functions.sln, package.json and host.json", result.Err.Trim());
    }

    [Fact]
    public async Task A_server_nobody_listens_on_exits_4_with_one_line()
    {
        var port = FleetOps.Cli.Local.LoopbackPort.Free(); // free a moment ago: nothing listens there
        var result = await Cli.RunAsync("runs", "--server", $"http://127.0.0.1:{port}");
        Assert.True(result.Exit == 4, result.ToString());
        Assert.StartsWith("fleetops: cannot reach the FleetOps server: Connection refused", result.Err);
        Assert.Single(result.Err.Trim().Split('\n'));
    }
}
