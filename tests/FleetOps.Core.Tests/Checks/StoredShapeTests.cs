using System.Text.Json;
using FleetOps.Core.Checks;
using FleetOps.Core.Results;

namespace FleetOps.Core.Tests.Checks;

/// <summary>
/// Durable payloads written before check kinds became records (one flat CheckSpec with an enum kind) still read, and
/// write back byte for byte: the JSON below was printed by FleetOps at commit 41b5137 with FleetOpsJson.Options.
/// </summary>
public sealed class StoredShapeTests
{
    /// <summary>A batch blob ({runId}/batches/{i}.json): every kind with every field, and a bare tcp check.</summary>
    private const string Batch = """[{"target":{"name":"web-1","address":"10.0.0.1:8080","labels":{"group":"web"}},"checks":[{"kind":"tcp","port":22,"timeoutMs":500,"conditions":["[CONNECTED] == true"],"send":"HELO\\r\\n","expect":"/^SSH/"},{"kind":"http","port":8443,"timeoutMs":900,"conditions":["[STATUS] == 200"],"scheme":"https","path":"/health","method":"POST","headers":{"X-A":"1"},"body":"{}","expectStatus":[200,204],"followRedirects":true,"insecure":true,"serverName":"api.test"},{"kind":"http","url":"http://10.0.0.1/x"},{"kind":"tls","port":443,"conditions":["[CERTIFICATE_EXPIRATION] > 48h"],"insecure":false,"serverName":"web.test"},{"kind":"dns","timeoutMs":300,"name":"www.test","recordType":"AAAA","resolver":"10.0.0.2:53"},{"kind":"tcp"}]}]""";

    /// <summary>A result blob ({runId}/results/{i}.json).</summary>
    private const string Results = """[{"name":"web-1","address":"10.0.0.1:8080","ok":false,"latencyMs":3.5,"checks":[{"kind":"tcp","check":"tcp:22","ok":true,"latencyMs":1.5,"attempts":1},{"kind":"dns","check":"dns:AAAA www.test","ok":false,"latencyMs":2,"attempts":2,"error":{"kind":"dns","message":"NXDOMAIN","transient":true}}],"labels":{"group":"web"}}]""";

    [Fact]
    public void A_batch_written_before_reads_into_the_kinds_records_and_writes_back_the_same()
    {
        var batch = JsonSerializer.Deserialize<List<ProbeTask>>(Batch, FleetOpsJson.Options)!;

        var checks = Assert.Single(batch).Checks;
        Assert.Equal(new TcpCheck { Port = 22, TimeoutMs = 500, Send = "HELO\\r\\n", Expect = "/^SSH/" }, checks[0] with { Conditions = null });
        var http = Assert.IsType<HttpCheck>(checks[1]);
        Assert.Equal(("https", "/health", "POST", "api.test"), (http.Scheme, http.Path, http.Method, http.ServerName));
        Assert.Equal([200, 204], http.ExpectStatus!);
        Assert.Equal("http://10.0.0.1/x", Assert.IsType<HttpCheck>(checks[2]).Url);
        Assert.Equal("web.test", Assert.IsType<TlsCheck>(checks[3]).ServerName);
        Assert.Equal(new DnsCheck { TimeoutMs = 300, Name = "www.test", RecordType = "AAAA", Resolver = "10.0.0.2:53" }, checks[4]);
        Assert.Equal(new TcpCheck(), checks[5]);
        Assert.Equal(Batch, JsonSerializer.Serialize(batch, FleetOpsJson.Options));
    }

    [Fact]
    public void Results_written_before_read_and_write_back_the_same()
    {
        var results = JsonSerializer.Deserialize<List<TargetResult>>(Results, FleetOpsJson.Options)!;

        Assert.Equal(["tcp", "dns"], results[0].Checks.Select(c => c.Kind));
        Assert.Equal(Results, JsonSerializer.Serialize(results, FleetOpsJson.Options));
    }
}
