using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Cli.Apply;
using FleetOps.Core;
using FleetOps.Core.Contracts;
using FleetOps.Core.Notifiers;

namespace FleetOps.Cli.Tests;

/// <summary>
/// The apply file, the desired items and the plan, without a server: what GET would answer is built the way the
/// server builds it (a monitor's stored definition; a notifier's redacted view), from the bodies apply would send.
/// </summary>
public sealed class ApplyPlanTests
{
    private const string File = """
        notifiers:
          ops:
            kind: webhook
            url: http://127.0.0.1:9/hook
            signingKey: INLINE-SIGNING-SECRET-1
          chat:
            kind: slack
            url: { fromSetting: SLACK_URL }
        monitors:
          edge:
            targets: [ { name: web-1, address: "127.0.0.1:8080" } ]
            checks: [ { kind: tcp } ]
            interval: 30s
            failureThreshold: 3
            notifiers: [ { name: ops, repeatEvery: 4h }, { name: chat } ]
            labels: { team: net, tier: edge }
          backups:
            heartbeat: { period: 5m }
            notifiers: [ { name: ops } ]
        """;

    private static ApplyFile Parse(string text = File, string path = "monitors.yaml") => ApplyFile.Parse(path, text);

    private static IReadOnlyList<DesiredItem> Desired(string text = File)
    {
        var (items, errors) = DesiredItems.Build(Parse(text));
        Assert.Empty(errors);
        return items;
    }

    /// <summary>What the server stores from a PUT of <paramref name="d"/>, as its GET shows it.</summary>
    private static StoredItem Stored(DesiredItem d) => d.Kind == ApplyKind.Monitor
        ? StoredItems.Monitor(d.Name, new JsonObject { ["definition"] = JsonNode.Parse(d.Body) })
        : StoredItems.Notifier(d.Name, JsonSerializer.SerializeToNode(
            RedactedNotifier.Of(d.Name, RequestReader.Deserialize<NotifierDefinition>(Encoding.UTF8.GetBytes(d.Body))), FleetOpsJson.Options)!);

    private static Dictionary<string, ApplyAction> Actions(ApplyPlan plan) => plan.Steps.ToDictionary(s => $"{s.Kind}/{s.Name}", s => s.Action);

    [Fact]
    public void The_file_gives_its_items_in_order_and_its_set_from_the_file_name_unless_it_names_one()
    {
        var file = Parse();
        Assert.Equal("monitors", file.Set);
        Assert.Equal(["Notifier/ops", "Notifier/chat", "Monitor/edge", "Monitor/backups"], file.Items.Select(i => $"{i.Kind}/{i.Name}"));
        Assert.Equal("edge-team", Parse("set: edge-team\n" + File).Set);
        Assert.Equal("x", ApplyFile.Parse("x.json", """{"monitors":{"m":{"heartbeat":{"period":"5m"}}}}""").Set);
    }

    [Theory]
    [InlineData("monitor:\n  a: {}\n", "'monitor' is not a top-level key")]
    [InlineData("monitors:\n  a: { interval: 30s }\n  a: { interval: 1m }\n", "duplicate key 'a'")]
    [InlineData("monitors: [ a ]\n", "monitors: must be a mapping")]
    [InlineData("monitors:\n  a: 3\n", "monitors.a: must be a mapping")]
    [InlineData("set: ''\nmonitors: {}\n", "set: '' is not a set name")]
    [InlineData("- just a list\n", "must be a mapping with")]
    public void A_file_of_the_wrong_shape_is_a_usage_error_naming_where(string text, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Parse(text));
        Assert.StartsWith("monitors.yaml: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_json_file_with_a_key_twice_is_refused_as_the_api_refuses_it()
    {
        var e = Assert.Throws<UsageException>(() => ApplyFile.Parse("m.json", """{"monitors":{"a":{},"a":{}}}"""));
        Assert.Contains("m.json: ", e.Message);
    }

    [Fact]
    public void Every_bad_field_of_every_item_is_named_before_anything_is_sent()
    {
        var (items, errors) = DesiredItems.Build(Parse("""
            notifiers:
              ops: { kind: webhook, url: http://127.0.0.1:9/hook, colour: red }
            monitors:
              edge: { targets: [ { name: a, address: "127.0.0.1:1" } ], checks: [ { kind: tcp } ], interval: soon }
              fine: { heartbeat: { period: 5m }, labels: { app.fleetops/apply-set: other } }
            """));
        Assert.Empty(items);
        Assert.Contains(errors, e => e is { Kind: ApplyKind.Notifier, Name: "ops", Field: "colour" });
        Assert.Contains(errors, e => e is { Kind: ApplyKind.Monitor, Name: "edge", Field: "interval" });
        Assert.Contains(errors, e => e is { Kind: ApplyKind.Monitor, Name: "fine", Field: "labels.app.fleetops/apply-set" });
        Assert.Equal("monitors.yaml: monitor 'edge': interval: " + errors.Single(e => e.Field == "interval").Message,
            FleetOps.Cli.Output.ApplyView.Error(Parse(), errors.Single(e => e.Field == "interval")));
    }

    [Fact]
    public void The_body_sent_keeps_the_users_labels_and_adds_the_ownership_marks()
    {
        var edge = Desired().Single(d => d.Name == "edge");
        var labels = JsonNode.Parse(edge.Body)!["labels"]!.AsObject();
        Assert.Equal("net", labels["team"]!.GetValue<string>());
        Assert.Equal("apply", labels[ApplyLabels.ManagedBy]!.GetValue<string>());
        Assert.Equal("monitors", labels[ApplyLabels.SetKey]!.GetValue<string>());
        Assert.Equal(["ops", "chat"], edge.NotifierRefs);
    }

    [Fact]
    public void A_first_apply_creates_everything_and_a_second_finds_everything_unchanged()
    {
        var desired = Desired();
        Assert.All(ApplyPlanner.Plan("monitors", desired, [], prune: true, adopt: false).Steps, s => Assert.Equal(ApplyAction.Created, s.Action));

        var again = ApplyPlanner.Plan("monitors", Desired(), [.. desired.Select(Stored)], prune: true, adopt: false);
        Assert.Empty(again.Errors);
        Assert.All(again.Steps, s => Assert.Equal(ApplyAction.Unchanged, s.Action));
        Assert.DoesNotContain(again.Steps, s => s.Sends);
    }

    [Fact]
    public void Unchanged_does_not_depend_on_the_order_of_labels_or_fields()
    {
        var stored = Desired().Select(Stored).ToList();
        var reordered = File.Replace("labels: { team: net, tier: edge }", "labels: { tier: edge, team: net }")
            .Replace("interval: 30s\n    failureThreshold: 3", "failureThreshold: 3\n    interval: 30s");
        Assert.NotEqual(File, reordered);
        Assert.All(ApplyPlanner.Plan("monitors", Desired(reordered), stored, false, false).Steps, s => Assert.Equal(ApplyAction.Unchanged, s.Action));
    }

    [Theory]
    [InlineData("interval: 30s", "interval: 1m", "Monitor/edge")]
    [InlineData("tier: edge", "tier: core", "Monitor/edge")]
    [InlineData("{ name: chat }", "{ name: chat, sendOnResolved: false }", "Monitor/edge")]
    [InlineData("period: 5m", "period: 10m", "Monitor/backups")]
    [InlineData("SLACK_URL", "OTHER_SLACK_URL", "Notifier/chat")]
    [InlineData("INLINE-SIGNING-SECRET-1", "INLINE-SIGNING-SECRET-2", "Notifier/ops")]
    [InlineData("url: http://127.0.0.1:9/hook", "url: http://127.0.0.1:10/hook", "Notifier/ops")]
    public void A_change_to_one_field_changes_that_item_only(string from, string to, string changed)
    {
        var stored = Desired().Select(Stored).ToList();
        var actions = Actions(ApplyPlanner.Plan("monitors", Desired(File.Replace(from, to, StringComparison.Ordinal)), stored, false, false));
        Assert.Equal(ApplyAction.Changed, actions[changed]);
        Assert.All(actions.Where(a => a.Key != changed), a => Assert.Equal(ApplyAction.Unchanged, a.Value));
    }

    [Fact]
    public void An_inline_secret_is_judged_by_a_hash_label_and_never_appears_in_what_is_compared_or_shown()
    {
        var ops = Desired().Single(d => d.Name == "ops");
        Assert.DoesNotContain("INLINE-SIGNING-SECRET", ops.Comparable.ToJsonString(), StringComparison.Ordinal);
        var hash = ops.Comparable["labels"]![ApplyLabels.SecretsHash]!.GetValue<string>();
        Assert.Equal(43, hash.Length);
        Assert.DoesNotContain("INLINE-SIGNING-SECRET", hash, StringComparison.Ordinal);
        // Only references: nothing GET hides, so no hash.
        Assert.Null(Desired().Single(d => d.Name == "chat").Comparable["labels"]![ApplyLabels.SecretsHash]);
    }

    [Fact]
    public void Items_of_this_set_that_left_the_file_are_removed_with_prune_and_only_reported_without()
    {
        var stored = Desired().Select(Stored).ToList();
        var smaller = Desired(File.Replace("\n  backups:\n    heartbeat: { period: 5m }\n    notifiers: [ { name: ops } ]", "", StringComparison.Ordinal)
            .Replace("  chat:\n    kind: slack\n    url: { fromSetting: SLACK_URL }\n", "").Replace(", { name: chat }", ""));
        Assert.Equal(["ops", "edge"], smaller.Select(d => d.Name));
        var pruned = ApplyPlanner.Plan("monitors", smaller, stored, prune: true, adopt: false);
        Assert.Empty(pruned.Errors);
        Assert.Equal(["Notifier/ops unchanged", "Monitor/edge changed", "Monitor/backups removed", "Notifier/chat removed"],
            pruned.Steps.Select(s => $"{s.Kind}/{s.Name} {ApplyView(s.Action)}"));
        var kept = ApplyPlanner.Plan("monitors", smaller, stored, prune: false, adopt: false);
        Assert.Equal(ApplyAction.Orphaned, Actions(kept)["Monitor/backups"]);
        Assert.DoesNotContain(kept.Steps, s => s.Action == ApplyAction.Orphaned && s.Sends);
    }

    [Fact]
    public void Nothing_apply_did_not_make_or_another_set_owns_is_removed_or_changed()
    {
        var mine = Desired().Select(Stored).ToList();
        var strangers = new[]
        {
            StoredItems.Monitor("by-hand", JsonNode.Parse("""{"definition":{"heartbeat":{"period":"5m"},"labels":{"team":"net"}}}""")!),
            StoredItems.Monitor("other", JsonNode.Parse("""{"definition":{"heartbeat":{"period":"5m"},"labels":{"app.fleetops/managed-by":"apply","app.fleetops/apply-set":"team-b"}}}""")!),
            StoredItems.Notifier("pager", JsonNode.Parse("""{"name":"pager","kind":"pagerduty","routingKey":"set"}""")!),
        };
        var plan = ApplyPlanner.Plan("monitors", Desired(), [.. mine, .. strangers], prune: true, adopt: true);
        Assert.DoesNotContain(plan.Steps, s => s.Name is "by-hand" or "other" or "pager");

        var named = Desired("monitors:\n  by-hand: { heartbeat: { period: 5m } }\n  other: { heartbeat: { period: 5m } }\n");
        var conflicts = ApplyPlanner.Plan("monitors", named, strangers, prune: true, adopt: false);
        Assert.Equal(ApplyAction.Conflict, Actions(conflicts)["Monitor/by-hand"]);
        Assert.Equal(ApplyAction.Conflict, Actions(conflicts)["Monitor/other"]);
        Assert.Contains("team-b", conflicts.Conflicts.Single(c => c.Name == "other").Reason);
        var adopted = ApplyPlanner.Plan("monitors", named, strangers, prune: true, adopt: true);
        Assert.Equal(ApplyAction.Adopted, Actions(adopted)["Monitor/by-hand"]);
        Assert.Equal(ApplyAction.Conflict, Actions(adopted)["Monitor/other"]); // another file's: --adopt does not steal it
    }

    [Fact]
    public void A_monitor_naming_a_notifier_that_will_not_exist_is_an_error_naming_the_field()
    {
        var plan = ApplyPlanner.Plan("monitors", Desired("monitors:\n  m: { heartbeat: { period: 5m }, notifiers: [ { name: ops }, { name: nobody } ] }\n"),
            [StoredItems.Notifier("ops", JsonNode.Parse("""{"name":"ops","kind":"slack","url":"set"}""")!)], prune: true, adopt: false);
        var error = Assert.Single(plan.Errors);
        Assert.Equal(("m", "notifiers[1].name"), (error.Name, error.Field));

        var stored = Desired().Select(Stored).ToList();
        var removing = ApplyPlanner.Plan("monitors", Desired(File.Replace("  chat:\n    kind: slack\n    url: { fromSetting: SLACK_URL }\n", "")), stored, prune: true, adopt: false);
        Assert.Contains(removing.Errors, e => e.Name == "edge" && e.Field == "notifiers[1].name" && e.Message.Contains("removes", StringComparison.Ordinal));
    }

    private static string ApplyView(ApplyAction action) => FleetOps.Cli.Output.ApplyView.Name(action);
}
