using FleetOps.Api;
using FleetOps.Host.Health;
using FleetOps.Host.Http;
using FleetOps.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Host.Tests;

/// <summary>The self-host serves the route table, all of it and nothing else: read from its endpoint map once started.</summary>
public sealed class EndpointMapTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task The_self_hosts_endpoints_are_exactly_the_route_table()
    {
        var port = FreePorts.Next();
        var app = FleetOpsHost.Build([
            $"--AzureWebJobsStorage={fixture.Storage.ConnectionString}", $"--FleetOps:Engine:HubName=map{Guid.NewGuid().ToString("N")[..8]}",
            $"--FleetOps:HostJson={Path.Combine(RepoPaths.Root, "host.json")}", $"--urls=http://127.0.0.1:{port}",
            "--Logging:LogLevel:Default=Warning"]);
        await using (app)
        {
            await FleetOpsHost.StartAsync(app);
            var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => !HealthEndpoints.Paths.Contains(e.RoutePattern.RawText) && e.RoutePattern.RawText != MetricsEndpoint.Path
                    && e.RoutePattern.RawText != RunEndpoints.DashboardRoot)
                .Select(e => $"{e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
                .Order().ToList();
            var table = Routes.Table.Select(r => $"{r.Name} {r.Method} /{Routes.Prefix}/{r.Template}").Order().ToList();
            Assert.Equal(table, served);
            Assert.Equal(table.Count, Routes.Table.Select(r => r.Name).Distinct().Count());

            // The OpenAPI document is one of those routes: served whole, as generated.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await http.GetAsync(Routes.GetOpenApi.Path());
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Api.OpenApi.OpenApiDocument.Json, await response.Content.ReadAsStringAsync());
            await app.StopAsync();
        }
    }
}
