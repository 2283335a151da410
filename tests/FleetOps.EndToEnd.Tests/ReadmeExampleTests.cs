using System.Text;
using FleetOps.Api;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>Every request README.md shows is accepted by a running self-host, sent as the README writes it.</summary>
public sealed class ReadmeExampleTests(ReadmeExampleTests.Environment env) : IClassFixture<ReadmeExampleTests.Environment>
{
    /// <summary>A host with a Prometheus to ask (a closed loopback port): the Prometheus gate example needs one configured.</summary>
    public sealed class Environment : SelfHostEnvironment
    {
        protected override IDictionary<string, string?> HostEnvironment =>
            new Dictionary<string, string?> { ["FleetOps__Prometheus__Url"] = "http://127.0.0.1:9" };
    }

    /// <summary>
    /// What the examples name and take for granted: an inventory "prod" with the groups they select (its hosts on a
    /// closed loopback port; the host's policy allows only 127.0.0.0/8, so the examples' 10.x targets are refused
    /// before any packet) and the notifier "pager".
    /// </summary>
    private const string Prod = "[web]\nweb-1 ansible_host=127.0.0.1 ansible_port=1 zone=a\n[edge]\nedge-gw ansible_host=127.0.0.1 ansible_port=1\nedge-1 ansible_host=127.0.0.1 ansible_port=1 gateway=edge-gw\n";

    [Fact]
    public async Task Each_readme_request_is_accepted_by_the_running_host()
    {
        using (var put = await env.Api.SendAsync(Routes.PutInventory, ["prod"], new StringContent(Prod, Encoding.UTF8, "text/plain"), [new(InventoriesApi.FormatQuery, "ansible-ini")]))
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        using (var pager = await SendAsync("PUT", "/api/notifiers/pager", """{"kind":"webhook","url":"http://127.0.0.1:9/hook"}"""))
            Assert.True(pager.IsSuccessStatusCode, await pager.Content.ReadAsStringAsync());

        // Notifiers first: the monitor example names them.
        var examples = ReadmeExamples.Requests(ReadmeExamples.Text).OrderBy(e => e.Path.StartsWith("/api/notifiers/", StringComparison.Ordinal) ? 0 : 1).ToList();
        Assert.Contains(examples, e => e.Path == "/api/sweeps");
        foreach (var example in examples)
            foreach (var body in example.Bodies)
            {
                using var answer = await SendAsync(example.Method, example.Path, body);
                Assert.True(answer.IsSuccessStatusCode, $"{example}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}\n{body}");
            }
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string json) =>
        env.Api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
