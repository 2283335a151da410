using FleetOps.Core.Contracts;
using FleetOps.Core.Monitors;

namespace FleetOps.Core.Tests.Monitors;

public sealed class MonitorDefinitionValidatorTests
{
    /// <summary>Every field a monitor takes, valid.</summary>
    private const string Valid = """
        {
          "name": "edge",
          "targets": [
            { "name": "gw-1", "address": "10.0.0.1:22" },
            { "name": "web-1", "address": "10.0.1.1:8080", "labels": { "parent": "gw-1" } },
            { "name": "web-2", "address": "10.0.1.2:8080", "labels": { "parent": "gw-1" } }
          ],
          "checks": [ { "kind": "tcp" }, { "kind": "http", "path": "/health", "conditions": ["[STATUS] == 200"] } ],
          "options": { "timeoutMs": 2000, "attempts": 2 },
          "interval": "30s",
          "timeZone": "Europe/Paris",
          "failureThreshold": 3,
          "successThreshold": 2,
          "notifiers": [ { "name": "ops", "sendOnResolved": true, "repeatEvery": "4h" }, { "name": "pager" } ],
          "maintenance": [ { "cron": "0 2 * * SUN", "duration": "2h" }, { "from": "2026-12-01T22:00:00Z", "until": "2026-12-02T02:00:00+01:00" } ],
          "uptimeIncludesMaintenance": false,
          "paused": false,
          "labels": { "fleetops.io/applied-from": "monitors.yaml" }
        }
        """;

    private static IReadOnlyList<ValidationError> Errors(string patch, string? route = null) =>
        MonitorDefinitionValidator.Validate(DefinitionKit.Read<MonitorDefinition>(Valid, patch), route);

    private static void AssertError(string patch, string field, string fragment)
    {
        var errors = Errors(patch);
        Assert.True(errors.Any(e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {field}: …{fragment}… but got:\n{DefinitionKit.Show(errors)}");
    }

    [Fact]
    public void The_full_definition_is_valid() => Assert.Empty(Errors("{}", route: "edge"));

    [Fact]
    public void A_name_that_differs_from_the_route_is_refused()
    {
        var errors = Errors("{}", route: "core");
        Assert.Equal("name", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("""{"targets": null}""", "targets", "give the targets")]
    [InlineData("""{"inventory": "prod"}""", "inventory", "only one of")]
    [InlineData("""{"targets": null, "inventory": "no/slash"}""", "inventory", "may contain only")]
    [InlineData("""{"targets": null, "inventoryInline": {"content": " "}}""", "inventoryInline.content", "is required")]
    [InlineData("""{"selector": "zone in ("}""", "selector", "")]
    public void The_target_source_is_exactly_one_valid_source(string patch, string field, string fragment) => AssertError(patch, field, fragment);

    [Theory]
    // The sweep validator's own checks and paths, reached through the monitor.
    [InlineData("""{"targets": [ { "name": "a", "address": "10.0.0.1:99999" } ]}""", "targets[0].address", "")]
    [InlineData("""{"checks": [ { "kind": "http", "path": "health" } ]}""", "checks[0].path", "must start with '/'")]
    [InlineData("""{"checks": [ { "kind": "tcp", "conditions": ["[STATUS] = 200"] } ]}""", "checks[0].conditions[0]", "did you mean '=='")]
    [InlineData("""{"options": { "timeoutMs": 0 }}""", "options.timeoutMs", "out of range")]
    public void Targets_checks_and_options_are_validated_as_a_sweeps(string patch, string field, string fragment) => AssertError(patch, field, fragment);

    [Fact]
    public void An_inventory_monitors_checks_and_options_are_validated_without_its_hosts()
    {
        var errors = Errors("""{"targets": null, "inventory": "prod", "checks": [ { "kind": "dns", "recordType": "SRV" } ], "options": { "attempts": 99 }}""");
        Assert.Equal(["checks[0].recordType", "options.attempts"], errors.Select(e => e.Field).Order());
    }

    [Theory]
    [InlineData("""{"interval": null}""", "interval", "how often")]
    [InlineData("""{"schedule": "*/5 * * * *"}""", "schedule", "only one of")]
    [InlineData("""{"interval": "9s"}""", "interval", "out of range 10s-7d")]
    [InlineData("""{"interval": "-30s"}""", "interval", "is not a duration")]
    [InlineData("""{"interval": "30"}""", "interval", "is not a duration")]
    [InlineData("""{"interval": null, "schedule": "* * * *"}""", "schedule", "has 4 fields")]
    [InlineData("""{"interval": null, "schedule": "61 * * * *"}""", "schedule", "is not a cron expression")]
    [InlineData("""{"interval": null, "schedule": "*/5 * * * * *"}""", "schedule", "5 s apart")]
    [InlineData("""{"interval": null, "schedule": "0,55 * * * * *"}""", "schedule", "5 s apart")]
    [InlineData("""{"interval": null, "schedule": "0 0 30 2 *"}""", "schedule", "never fires")]
    [InlineData("""{"interval": null, "schedule": "@every_second"}""", "schedule", "1 s apart")]
    [InlineData("""{"timeZone": "Mars/Olympus"}""", "timeZone", "not a time zone")]
    [InlineData("""{"timeZone": "/etc/passwd"}""", "timeZone", "not an IANA time zone name")]
    [InlineData("""{"timeZone": "Europe/../../etc/passwd"}""", "timeZone", "not an IANA time zone name")]
    [InlineData("""{"interval": "1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s"}""", "interval", "more than 64")]
    [InlineData("""{"failureThreshold": 0}""", "failureThreshold", "out of range 1-100")]
    [InlineData("""{"successThreshold": 101}""", "successThreshold", "out of range 1-100")]
    public void Timing_and_thresholds_are_bounded(string patch, string field, string fragment) => AssertError(patch, field, fragment);

    [Fact]
    public void A_null_parent_label_is_reported_not_thrown()
    {
        var definition = DefinitionKit.Read<MonitorDefinition>(Valid) with
        {
            Targets = [new() { Name = "a", Address = "10.0.0.1:1", Labels = new() { ["parent"] = null! } }],
        };
        Assert.Contains(MonitorDefinitionValidator.Validate(definition), e => e.Field == "targets[0].labels.parent");
    }

    [Theory]
    [InlineData("*/15 * * * * *")]
    [InlineData("0 */5 * * * *")]
    [InlineData("@hourly")]
    [InlineData("*/1 * * * *")]
    public void Crons_at_least_ten_seconds_apart_are_valid(string cron) =>
        Assert.Empty(Errors($$"""{"interval": null, "schedule": "{{cron}}"}"""));

    [Theory]
    [InlineData("""{"notifiers": [ { "name": "ops" }, { "name": "ops" } ]}""", "notifiers[1].name", "also notifiers[0]")]
    [InlineData("""{"notifiers": [ { "sendOnResolved": false } ]}""", "notifiers[0].name", "is required")]
    [InlineData("""{"notifiers": [ { "name": "ops", "repeatEvery": "30s" } ]}""", "notifiers[0].repeatEvery", "out of range 1m-30d")]
    [InlineData("""{"maintenance": [ { "cron": "0 2 * * SUN" } ]}""", "maintenance[0].duration", "is required with `cron`")]
    [InlineData("""{"maintenance": [ { "duration": "2h" } ]}""", "maintenance[0].cron", "is required with `duration`")]
    [InlineData("""{"maintenance": [ { "cron": "0 2 * * SUN", "duration": "2h", "from": "2026-12-01T22:00:00Z" } ]}""", "maintenance[0]", "not both")]
    [InlineData("""{"maintenance": [ {} ]}""", "maintenance[0]", "give `cron`")]
    [InlineData("""{"maintenance": [ { "from": "2026-12-01T22:00:00", "until": "2026-12-02T02:00:00Z" } ]}""", "maintenance[0].from", "with an offset")]
    [InlineData("""{"maintenance": [ { "from": "2026-12-02T22:00:00Z", "until": "2026-12-01T02:00:00Z" } ]}""", "maintenance[0].until", "is not after")]
    [InlineData("""{"maintenance": [ { "from": "2026-12-01T00:00:00Z" } ]}""", "maintenance[0].until", "is required")]
    [InlineData("""{"maintenance": [ { "cron": "0 2 * * SUN", "duration": "32d" } ]}""", "maintenance[0].duration", "out of range")]
    [InlineData("""{"labels": { "": "x" }}""", "labels", "is not a label key")]
    public void Notifiers_maintenance_and_labels_name_the_field(string patch, string field, string fragment) => AssertError(patch, field, fragment);

    [Theory]
    [InlineData("""{"targets": [ { "name": "a", "address": "10.0.0.1:1", "labels": { "parent": "gw-9" } } ]}""", "targets[0].labels.parent", "not a target of this monitor")]
    [InlineData("""{"targets": [ { "name": "a", "address": "10.0.0.1:1", "labels": { "parent": "a" } } ]}""", "targets[0].labels.parent", "names itself")]
    [InlineData("""{"targets": [ { "name": "a", "address": "10.0.0.1:1", "labels": { "parent": "" } } ]}""", "targets[0].labels.parent", "is empty")]
    [InlineData("""{"parentLabel": "gateway", "targets": [ { "name": "a", "address": "10.0.0.1:1", "labels": { "gateway": "b" } }, { "name": "b", "address": "10.0.0.2:1", "labels": { "gateway": "a" } } ]}""", "targets[0].labels.gateway", "cycle")]
    [InlineData("""{"parentLabel": "has space"}""", "parentLabel", "is not a label key")]
    public void Parent_links_must_name_another_target_without_cycles(string patch, string field, string fragment) => AssertError(patch, field, fragment);

    [Fact]
    public void A_heartbeat_monitor_takes_no_probing_fields()
    {
        var errors = Errors("""{"heartbeat": { "period": "5m", "grace": "1m" }}""");
        Assert.Equal(["checks", "failureThreshold", "interval", "options", "successThreshold", "targets"], errors.Select(e => e.Field).Order());
        Assert.All(errors, e => Assert.Contains("heartbeat", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"period": "5m", "grace": "1m"}""", null)]
    [InlineData("""{"period": "5m"}""", null)]
    [InlineData("""{"grace": "1m"}""", "heartbeat.period")]
    [InlineData("""{"period": "10s"}""", "heartbeat.period")]
    [InlineData("""{"period": "5m", "grace": "8d"}""", "heartbeat.grace")]
    public void A_heartbeat_needs_a_period_and_a_bounded_grace(string heartbeat, string? field)
    {
        var definition = new MonitorDefinition { Heartbeat = DefinitionKit.Read<HeartbeatSpec>(heartbeat), Notifiers = [new() { Name = "ops" }] };
        var errors = MonitorDefinitionValidator.Validate(definition);
        if (field is null) Assert.Empty(errors);
        else Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors("""{"interval": "1s", "failureThreshold": 0, "notifiers": [ {} ], "timeZone": "Nowhere/Land"}""");
        Assert.Equal(["failureThreshold", "interval", "notifiers[0].name", "timeZone"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Resolved_inventory_hosts_are_validated_and_named_at_the_source_field()
    {
        var definition = DefinitionKit.Read<MonitorDefinition>(Valid, """{"targets": null, "inventory": "prod"}""");
        var hosts = new List<TargetSpec>
        {
            new() { Name = "gw-1", Address = "10.0.0.1:22" },
            new() { Name = "web-1", Address = "10.0.1.1:8080", Labels = new() { ["parent"] = "gw-7" } },
            new() { Name = "web-2", Address = "10.0.1.2:99999" },
        };
        var errors = MonitorDefinitionValidator.ValidateResolved(definition, hosts, "inventory");
        Assert.True(errors.Count == 2, DefinitionKit.Show(errors));
        Assert.All(errors, e => Assert.Equal("inventory", e.Field));
        Assert.Contains(errors, e => e.Message.StartsWith("host 'web-1': parent 'gw-7'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("host 'web-2':", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fields_are_refused_at_the_edge()
    {
        var e = Assert.Throws<RequestValidationException>(() => DefinitionKit.Read<MonitorDefinition>(Valid, """{"intervall": "30s"}"""));
        Assert.Equal("intervall", Assert.Single(e.Errors).Field);
    }
}
