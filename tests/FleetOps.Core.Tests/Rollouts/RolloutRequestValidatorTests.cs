using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Rollouts;

public sealed class RolloutRequestValidatorTests
{
    /// <summary>A complete, valid request as the API receives it.</summary>
    private const string Valid = """
        {
          "requestId": "deploy-2024.06_1",
          "name": "drain and upgrade",
          "targets": [
            { "name": "web-1", "address": "10.0.0.1:8080", "labels": { "zone": "a" } },
            { "name": "web-2", "address": "web-2.internal:8080" }
          ],
          "selector": "zone in (a,b)",
          "action": {
            "method": "POST",
            "url": "http://{{address}}/admin/upgrade?zone={{labels.zone}}",
            "headers": { "Authorization": "Bearer x", "X-Node": "{{name}}", "Content-Type": "application/json" },
            "body": "{\"version\": \"1.2.3\", \"node\": \"{{name}}\"}",
            "expectStatus": [200, 202],
            "timeoutMs": 30000,
            "retries": 3
          },
          "waves": [1, 5, "20%", "100%"],
          "concurrency": 10,
          "gate": {
            "checks": [ { "kind": "http", "path": "/health", "conditions": ["[STATUS] == 200"] }, { "kind": "tcp" } ],
            "passes": 3, "intervalSeconds": 10, "deadlineSeconds": 300
          },
          "budgets": { "actionFailures": "10%", "gateFailures": 1, "onExceeded": "rollback" },
          "approval": { "mode": "after-canary", "timeoutSeconds": 3600 },
          "rollback": { "url": "http://{{address}}/admin/rollback" },
          "preflight": true
        }
        """;

    /// <summary>The valid request with <paramref name="patch"/> merged in: objects merge, other values replace, null removes.</summary>
    private static RolloutRequest Request(string patch = "{}")
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        Merge(root, JsonNode.Parse(patch)!.AsObject());
        return JsonSerializer.Deserialize<RolloutRequest>(root.ToJsonString(), FleetOpsJson.Strict)!;
    }

    private static void Merge(JsonObject into, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) into.Remove(key);
            else if (value is JsonObject o && into[key] is JsonObject existing) Merge(existing, o);
            else into[key] = value.DeepClone();
        }
    }

    private static IReadOnlyList<FleetOps.Core.Contracts.ValidationError> Errors(string patch) => RolloutRequestValidator.Validate(Request(patch));

    [Fact]
    public void The_sample_request_is_valid() => Assert.Empty(RolloutRequestValidator.Validate(Request()));

    [Fact]
    public void A_minimal_request_is_valid() =>
        Assert.Empty(RolloutRequestValidator.Validate(new RolloutRequest
        {
            Inventory = "web-fleet",
            Action = new ActionSpec { Url = "https://{{host}}/restart" },
        }));

    [Theory]
    // nodes
    [InlineData("""{"requestId": "bad id!"}""", "requestId", "may contain only")]
    [InlineData("""{"inventory": "fleet"}""", "inventory", "only one of")]
    [InlineData("""{"targets": null}""", "targets", "give the nodes")]
    [InlineData("""{"targets": null, "inventory": "bad/name"}""", "inventory", "may contain only")]
    [InlineData("""{"targets": []}""", "targets", "at least one")]
    [InlineData("""{"targets": [{"address": "h:1"}]}""", "targets[0].name", "is required")]
    [InlineData("""{"targets": [{"name": "a", "address": "h:1"}, {"name": "a", "address": "h:2"}]}""", "targets[1].name", "targets[0]")]
    [InlineData("""{"targets": [{"name": "a", "address": "h:99999"}]}""", "targets[0].address", "1-65535")]
    [InlineData("""{"targets": [{"name": "a", "address": "h:1", "checks": [{"kind": "tcp"}]}]}""", "targets[0].checks", "not used by rollouts")]
    [InlineData("""{"targets": [{"name": "a", "address": "web-3"}]}""", "targets[0].address", "gate.checks[1] (tcp)")]
    [InlineData("""{"selector": "zone in (a"}""", "selector", "")]
    // action
    [InlineData("""{"action": null}""", "action", "is required")]
    [InlineData("""{"action": {"url": null}}""", "action.url", "is required")]
    [InlineData("""{"action": {"url": "/admin/upgrade"}}""", "action.url", "absolute http or https")]
    [InlineData("""{"action": {"url": "ftp://{{host}}/x"}}""", "action.url", "absolute http or https")]
    [InlineData("""{"action": {"url": "{{labels.base}}/x"}}""", "action.url", "reads 'sample/x'")]
    [InlineData("""{"action": {"url": "http://{{address}/x"}}""", "action.url", "not closed")]
    [InlineData("""{"action": {"url": "http://{{adress}}/x"}}""", "action.url", "unknown placeholder 'adress'")]
    [InlineData("""{"action": {"method": "GET /x"}}""", "action.method", "not an HTTP method")]
    [InlineData("""{"action": {"method": "{{nme}}"}}""", "action.method", "unknown placeholder")]
    [InlineData("""{"action": {"headers": {"X-A": "a\r\nX-B: b"}}}""", "action.headers.X-A", "line break")]
    [InlineData("""{"action": {"headers": {"Bad Name": "v"}}}""", "action.headers", "not a header name")]
    [InlineData("""{"action": {"headers": {"Idempotency-Key": "mine"}}}""", "action.headers.Idempotency-Key", "set by FleetOps")]
    [InlineData("""{"action": {"headers": {"content-length": "3"}}}""", "action.headers.content-length", "set by FleetOps")]
    [InlineData("""{"action": {"headers": {"X-Node": "{{name"}}}""", "action.headers.X-Node", "not closed")]
    [InlineData("""{"action": {"body": "{{{{"}}""", "action.body", "not closed")]
    [InlineData("""{"action": {"expectStatus": []}}""", "action.expectStatus", "is empty")]
    [InlineData("""{"action": {"expectStatus": [200, 99]}}""", "action.expectStatus[1]", "100-599")]
    [InlineData("""{"action": {"timeoutMs": 0}}""", "action.timeoutMs", "1-300000")]
    [InlineData("""{"action": {"retries": -1}}""", "action.retries", "0-10")]
    [InlineData("""{"action": {"retries": 11}}""", "action.retries", "0-10")]
    [InlineData("""{"rollback": {"url": "nope"}}""", "rollback.url", "absolute http or https")]
    [InlineData("""{"rollback": {"retries": 99}}""", "rollback.retries", "0-10")]
    // waves
    [InlineData("""{"waves": [1, "0%"]}""", "waves[1]", "1%-100%")]
    [InlineData("""{"waves": [1, "abc"]}""", "waves[1]", "neither")]
    [InlineData("""{"canary": 1}""", "waves", "not both")]
    [InlineData("""{"waves": null, "canary": 0}""", "canary", "at least 1")]
    [InlineData("""{"waves": null, "batchSize": -1}""", "batchSize", "at least 1")]
    [InlineData("""{"concurrency": 0}""", "concurrency", "1-256")]
    [InlineData("""{"concurrency": 257}""", "concurrency", "1-256")]
    // gate
    [InlineData("""{"gate": {"checks": []}}""", "gate.checks", "at least one")]
    [InlineData("""{"gate": {"passes": 0}}""", "gate.passes", "1-20")]
    [InlineData("""{"gate": {"passes": 21}}""", "gate.passes", "1-20")]
    [InlineData("""{"gate": {"intervalSeconds": 0}}""", "gate.intervalSeconds", "1-300")]
    [InlineData("""{"gate": {"intervalSeconds": 301}}""", "gate.intervalSeconds", "1-300")]
    [InlineData("""{"gate": {"deadlineSeconds": 86401}}""", "gate.deadlineSeconds", "1-86400")]
    [InlineData("""{"gate": {"passes": 5, "intervalSeconds": 60, "deadlineSeconds": 200}}""", "gate.deadlineSeconds", "240 s")]
    [InlineData("""{"gate": {"checks": [{"kind": "http", "path": "health"}]}}""", "gate.checks[0].path", "must start with '/'")]
    [InlineData("""{"gate": {"checks": [{"kind": "tcp", "path": "/x", "port": 22}]}}""", "gate.checks[0].path", "not used by tcp")]
    [InlineData("""{"gate": {"checks": [{"kind": "http", "conditions": ["[STATUS] =="]}]}}""", "gate.checks[0].conditions[0]", "")]
    [InlineData("""{"gate": {"checks": [{"kind": "dns", "name": "web.internal", "recordType": "BOGUS"}]}}""", "gate.checks[0].recordType", "")]
    [InlineData("""{"gate": null, "budgets": {"gateFailures": null}}""", "preflight", "gate.checks")]
    // budgets
    [InlineData("""{"budgets": {"actionFailures": "110%"}}""", "budgets.actionFailures", "0%-100%")]
    [InlineData("""{"budgets": {"actionFailures": -1}}""", "budgets.actionFailures", "0 or more")]
    [InlineData("""{"budgets": {"gateFailures": "x"}}""", "budgets.gateFailures", "neither")]
    [InlineData("""{"budgets": {"onExceeded": "panic"}}""", "budgets.onExceeded", "halt, rollback")]
    [InlineData("""{"rollback": null}""", "rollback", "onExceeded is \"rollback\"")]
    [InlineData("""{"gate": null, "preflight": null}""", "budgets.gateFailures", "no gate")]
    // approval
    [InlineData("""{"approval": {"mode": "always"}}""", "approval.mode", "before-first")]
    [InlineData("""{"approval": {"timeoutSeconds": 0}}""", "approval.timeoutSeconds", "1-604800")]
    [InlineData("""{"approval": {"timeoutSeconds": 604801}}""", "approval.timeoutSeconds", "1-604800")]
    [InlineData("""{"approval": {"mode": "none"}}""", "approval.timeoutSeconds", "not used")]
    // notifiers
    [InlineData("""{"notifiers": ["ops", ""]}""", "notifiers[1]", "the name of a notifier")]
    [InlineData("""{"notifiers": ["ops", "../pager"]}""", "notifiers[1]", "may contain only")]
    [InlineData("""{"notifiers": ["ops", "pager", "ops"]}""", "notifiers[2]", "also notifiers[0]")]
    [InlineData("""{"notifiers": ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", "notifiers", "more than 16")]
    public void Each_problem_is_reported_at_its_field(string patch, string field, string message)
    {
        var errors = Errors(patch);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors("""
            {"requestId": "?", "action": {"url": "x", "retries": 99}, "concurrency": 0,
             "gate": {"passes": 0}, "approval": {"mode": "x"}}
            """);
        Assert.Equal(
            ["requestId", "action.url", "action.retries", "concurrency", "gate.passes", "approval.mode"],
            errors.Select(e => e.Field).ToArray());
    }

    [Theory]
    [InlineData("""{"waves": null}""")]
    [InlineData("""{"waves": null, "canary": 2, "batchSize": 10}""")]
    [InlineData("""{"budgets": {"actionFailures": "0", "gateFailures": "0%", "onExceeded": "halt"}, "rollback": null}""")]
    [InlineData("""{"budgets": null, "approval": null}""")]
    [InlineData("""{"approval": {"mode": "every-wave", "timeoutSeconds": 604800}}""")]
    [InlineData("""{"action": {"method": "{{labels.verb}}"}}""")]
    [InlineData("""{"action": {"url": "https://lb.internal/pools/web/members/{{name}}"}}""")]
    [InlineData("""{"action": {"url": "http://[::1]:8080/x"}}""")]
    [InlineData("""{"gate": {"passes": 5, "intervalSeconds": 60, "deadlineSeconds": 240}}""")]
    [InlineData("""{"targets": null, "inventory": "prod-web"}""")]
    [InlineData("""{"targets": [{"name": "a", "address": "10.0.0.9:22"}]}""")]
    [InlineData("""{"notifiers": ["ops", "pager-1.eu"]}""")]
    [InlineData("""{"notifiers": []}""")]
    public void Valid_variations_have_no_errors(string patch) => Assert.Empty(Errors(patch));

    [Fact]
    public void Unknown_fields_are_rejected_by_the_json_contract() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RolloutRequest>("""{"wavez": [1]}""", FleetOpsJson.Strict));
}
