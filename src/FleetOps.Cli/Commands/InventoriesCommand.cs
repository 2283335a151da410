using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using FleetOps.Api;
using FleetOps.Api.Client;
using FleetOps.Cli.Output;
using FleetOps.Workflows.Inventories;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops inventories list|get|put|delete</c>: the inventories stored on a server.</summary>
internal static class InventoriesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("inventories", "List, show, store and delete the inventories stored on a server (sweeps and rollouts select hosts from them).");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Get(console));
        command.Subcommands.Add(Put(console));
        command.Subcommands.Add(Delete(console));
        return command;
    }

    private static Argument<string> Name() => new("name") { Description = "the inventory's name" };

    private static Command List(CliConsole console)
    {
        var details = new Option<bool>("--long", "-l") { Description = "also show each one's format, hosts, groups and when it was stored (a request per inventory)" };
        var json = CliOptions.Json("the inventories");
        var command = new Command("list", "List the stored inventories.") { details, json };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var api = server.Client(parse);
            using var http = api.Http;
            var names = (await api.ListInventoriesAsync(ct).ConfigureAwait(false)).Select(n => n!.GetValue<string>()).ToList();
            var inventories = new JsonArray();
            foreach (var name in names)
            {
                // One that is deleted between the list and its GET is left out.
                var inventory = parse.GetValue(details) ? await api.GetInventoryAsync(name, ct: ct).ConfigureAwait(false) : new JsonObject { ["name"] = name };
                if (inventory is not null) inventories.Add(inventory);
            }
            if (parse.GetValue(json)) console.Line(inventories.ToJsonString(RunCommand.Indented));
            else if (inventories.Count == 0) console.Line("no inventories");
            else if (!parse.GetValue(details)) foreach (var name in names) console.Line(name);
            else
            {
                var table = Tables.Create(console, "name", "format", ">hosts", "groups", "updated");
                foreach (var i in inventories) table.Row($"{i!["name"]}", $"{i["format"]}", $"{i["hosts"]}", Groups(i), RunStatusView.Time(i["updatedAt"]));
                console.Out.Write(table);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var name = Name();
        var selector = new Option<string?>("--selector") { Description = "also count the hosts this selector picks (group=web,zone!=b)", HelpName = "SELECTOR" };
        var json = CliOptions.Json("the inventory");
        var command = new Command("get", "Describe a stored inventory: format, hosts, groups, and how many hosts a selector picks.") { name, selector, json };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var inventoryName = parse.GetValue(name)!;
            var api = server.Client(parse);
            using var http = api.Http;
            var inventory = await api.GetInventoryAsync(inventoryName, parse.GetValue(selector), ct).ConfigureAwait(false)
                ?? throw NotFound(Routes.GetInventory, inventoryName);
            if (parse.GetValue(json)) console.Line(inventory.ToJsonString(RunCommand.Indented));
            else console.Line(Describe(inventory));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Put(CliConsole console)
    {
        var name = Name();
        var file = CliOptions.ExistingFile("file", "the inventory file, sent as it is");
        var format = new Option<string?>("--format")
        {
            Description = $"the file's format: {string.Join(", ", InventoryFormats.ByName.Keys)} [default: detected]",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong([.. InventoryFormats.ByName.Keys]);
        var command = new Command("put", "Store an inventory (or replace the one with that name).") { name, file, format };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var text = await CliOptions.ReadAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            var api = server.Client(parse);
            using var http = api.Http;
            var stored = await api.PutInventoryAsync(parse.GetValue(name)!, text, parse.GetValue(format), ct).ConfigureAwait(false);
            console.Line($"stored {Describe(stored)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var name = Name();
        var command = new Command("delete", "Delete a stored inventory.") { name };
        var server = ServerOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var inventoryName = parse.GetValue(name)!;
            var api = server.Client(parse);
            using var http = api.Http;
            if (!await api.DeleteInventoryAsync(inventoryName, ct).ConfigureAwait(false)) throw NotFound(Routes.DeleteInventory, inventoryName);
            console.Line($"deleted inventory {inventoryName}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(JsonNode i) =>
        $"inventory {i["name"]}: {i["format"]}, {i["hosts"]} hosts" +
        (i["groups"] is JsonArray { Count: > 0 } ? $" in groups {Groups(i)}" : "") +
        (i["selected"] is { } selected ? $"; the selector picks {selected}" : "");

    private static string Groups(JsonNode i) => i["groups"] is JsonArray groups ? string.Join(", ", groups) : "";

    /// <summary>The client gives null for the server's 404; the CLI reports it as the refusal it was.</summary>
    private static FleetOpsApiException NotFound(ApiRoute route, string name) =>
        new(route, HttpStatusCode.NotFound, $"name: no inventory named '{name}'", null);
}
