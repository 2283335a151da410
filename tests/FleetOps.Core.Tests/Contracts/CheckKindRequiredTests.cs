using System.Text;
using FleetOps.Core.Contracts;
using FleetOps.Core.Inventories;
using FleetOps.Core.Rollouts;

namespace FleetOps.Core.Tests.Contracts;

/// <summary>A check without a kind is an error wherever a check is given, never a tcp check by default.</summary>
public sealed class CheckKindRequiredTests
{
    private static ValidationError Invalid<T>(string json) where T : class
    {
        var e = Assert.Throws<RequestValidationException>(() =>
        {
            var request = RequestReader.Deserialize<T>(Encoding.UTF8.GetBytes(json));
            if (request is SweepRequest sweep && SweepRequestValidator.Validate(sweep) is { Count: > 0 } errors) throw new RequestValidationException(errors);
        });
        return Assert.Single(e.Errors);
    }

    [Theory]
    [InlineData("""{"targets":[{"name":"a","address":"h:1"}],"checks":[{"port":22}]}""", "checks[0].kind")]
    [InlineData("""{"targets":[{"name":"a","address":"h:1"}],"checks":[{"kind":"tcp"},{}]}""", "checks[1].kind")]
    [InlineData("""{"targets":[{"name":"a","address":"h:1"},{"name":"b","address":"h:1","checks":[{"port":22,"timeoutMs":5}]}]}""", "targets[1].checks[0].kind")]
    [InlineData("""{"targets":[{"name":"a","address":"h:1"}],"checks":[{"kind":null}]}""", "checks[0].kind")]
    [InlineData("""{"targets":[{"name":"a","address":"h:1"}],"checks":[{"Kind":"tcp"}]}""", "checks[0].kind")]
    public void A_sweep_check_without_a_kind_is_a_400_at_its_kind(string json, string field)
    {
        var error = Invalid<SweepRequest>(json);

        Assert.Equal(field, error.Field);
        Assert.Contains("tcp, http, tls, dns", error.Message);
    }

    [Theory]
    [InlineData("smtp")]
    [InlineData("TCP")]
    [InlineData("")]
    public void An_unknown_kind_is_named_with_the_registered_kinds(string kind)
    {
        var error = Invalid<SweepRequest>($$"""{"targets":[{"name":"a","address":"h:1"}],"checks":[{"kind":"tcp"},{"port":1,"kind":"{{kind}}"}]}""");

        Assert.Equal("checks[1].kind", error.Field);
        Assert.Contains("tcp, http, tls, dns", error.Message);
    }

    [Fact]
    public void A_gate_check_without_a_kind_is_a_400_at_its_kind()
    {
        var error = Invalid<RolloutRequest>("""{"targets":[{"name":"a","address":"h:1"}],"action":{"url":"http://{{address}}/"},"gate":{"checks":[{"kind":"http"},{"port":22}]}}""");

        Assert.Equal("gate.checks[1].kind", error.Field);
    }

    [Theory]
    [InlineData("defaults: { checks: [ { port: 22 } ] }\nhosts: [ { name: a, address: 'h:1' } ]", "defaults.checks[0].kind")]
    [InlineData("groups: { web: { checks: [ { kind: tcp }, { timeoutMs: 5 } ] } }\nhosts: [ { name: a, address: 'h:1', groups: [web] } ]", "groups.web.checks[1].kind")]
    [InlineData("hosts: [ { name: a, address: 'h:1', checks: [ { port: 22 } ] } ]", "hosts[0].checks[0].kind")]
    [InlineData("""{"hosts": [ { "name": "a", "address": "h:1", "checks": [ { "port": 22 } ] } ]}""", "hosts[0].checks[0].kind")]
    public void A_stored_native_inventory_check_without_a_kind_is_refused_at_its_kind(string content, string field)
    {
        var e = Assert.Throws<InventoryFormatException>(() => InventoryParser.Parse(content, InventoryFormat.Native));

        Assert.Equal(field, e.Location);
        Assert.Contains("tcp, http, tls, dns", e.Message);
    }
}
