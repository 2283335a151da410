using System.Reflection;

namespace FleetOps.Functions.Tests;

/// <summary>
/// The layers, enforced by what each assembly references: the pure domain does no I/O, probing knows no storage or
/// engine, the workflows know no HTTP server, and no layer reaches up to a host. This test project references both
/// hosts, so every FleetOps assembly is loadable here.
/// </summary>
public sealed class LayerBoundaryTests
{
    private static readonly string[] Hosts = ["FleetOps.Functions", "FleetOps.Host", "FleetOps.Cli"];
    private static readonly string[] Storage = ["Azure.", "DurableTask.", "Microsoft.DurableTask", "Microsoft.Azure."];
    private static readonly string[] AspNet = ["Microsoft.AspNetCore"];
    private static readonly string[] NetworkIo = ["System.Net.Sockets", "System.Net.Http", "System.Net.Security", "System.Net.NameResolution", "DnsClient"];

    public static TheoryData<string, string[]> Forbidden => new()
    {
        // The pure domain: contracts, validation, conditions, inventories, plans, budgets.
        { "FleetOps.Core", [.. NetworkIo, .. Storage, .. AspNet, .. Hosts, "FleetOps.Probing", "FleetOps.Workflows", "FleetOps.Api", "FleetOps.Simulator"] },
        // Probing, actions and report rendering: sockets yes, storage, engine and HTTP server no.
        { "FleetOps.Probing", [.. Storage, .. AspNet, .. Hosts, "FleetOps.Workflows", "FleetOps.Api", "FleetOps.Simulator"] },
        // Orchestrators, activities and stores: no HTTP server, no engine implementation, no host.
        { "FleetOps.Workflows", [.. AspNet, .. Hosts, "DurableTask.Core", "DurableTask.AzureStorage", "Microsoft.Azure.Functions", "FleetOps.Api", "FleetOps.Simulator"] },
        // The HTTP edge: no engine implementation and no host.
        { "FleetOps.Api", [.. Hosts, "DurableTask.Core", "DurableTask.AzureStorage", "Microsoft.Azure.Functions", "FleetOps.Simulator"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void An_assembly_references_nothing_outside_its_layer(string assembly, string[] forbidden)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(r => r.Name!).ToList();

        var crossing = references.Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))).ToList();

        Assert.True(crossing.Count == 0, $"{assembly} references {string.Join(", ", crossing)}; it may reference {string.Join(", ", references)}");
    }

    [Fact]
    public void The_layers_depend_downwards()
    {
        Assert.Contains("FleetOps.Core", Assembly.Load("FleetOps.Probing").GetReferencedAssemblies().Select(r => r.Name));
        Assert.Contains("FleetOps.Probing", Assembly.Load("FleetOps.Workflows").GetReferencedAssemblies().Select(r => r.Name));
        Assert.Contains("FleetOps.Workflows", Assembly.Load("FleetOps.Api").GetReferencedAssemblies().Select(r => r.Name));
    }
}
