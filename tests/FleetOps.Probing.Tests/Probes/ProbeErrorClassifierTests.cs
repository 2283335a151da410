using FleetOps.Core;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using DnsClient;
using FleetOps.Core.Policy;
using FleetOps.Core.Checks;
using FleetOps.Probing;
using FleetOps.Core.Results;

namespace FleetOps.Probing.Tests.Probes;

public sealed class ProbeErrorClassifierTests
{
    public static TheoryData<Exception, ErrorKind, bool> Cases => new()
    {
        { new AuthenticationException("bad cert"), ErrorKind.Tls, false },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "tls", new AuthenticationException("x")), ErrorKind.Tls, false },
        { new DnsResponseException(DnsResponseCode.ServerFailure, "servfail"), ErrorKind.Dns, true },
        { new DnsResponseException(DnsResponseCode.ConnectionTimeout, "timed out"), ErrorKind.Timeout, true },
        { new HttpRequestException("connect", new PolicyDeniedException("denied")), ErrorKind.Denied, false },
        { new SocketException((int)SocketError.ConnectionRefused), ErrorKind.Refused, true },
        { new SocketException((int)SocketError.HostNotFound), ErrorKind.Dns, true },
        { new TimeoutException(), ErrorKind.Timeout, true },
        { new IOException("reset"), ErrorKind.Other, true },
        { new ArgumentException("no port"), ErrorKind.Other, false },
        { new FormatException("resolver: bad"), ErrorKind.Other, false },
        { new RegexMatchTimeoutException(), ErrorKind.Other, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_exceptions_to_kinds_and_retry(Exception exception, ErrorKind kind, bool transient)
    {
        var error = ProbeErrorClassifier.Classify(exception, "ctx");

        Assert.Equal(kind, error.Kind);
        Assert.Equal(transient, error.Transient);
        Assert.StartsWith("ctx: ", error.Message);
    }

    [Fact]
    public void Transient_keeps_its_json_shape_and_an_explicit_value()
    {
        var error = new ProbeError(ErrorKind.HttpStatus, "status 503") { Transient = true };

        var json = System.Text.Json.JsonSerializer.Serialize(error, FleetOpsJson.Options);
        var back = System.Text.Json.JsonSerializer.Deserialize<ProbeError>(json, FleetOpsJson.Options)!;

        Assert.Equal("""{"kind":"http-status","message":"status 503","transient":true}""", json);
        Assert.Equal(error, back);
        Assert.Equal("""{"kind":"condition","message":"c","transient":true}""",
            System.Text.Json.JsonSerializer.Serialize(new ProbeError(ErrorKind.Condition, "c"), FleetOpsJson.Options));
    }

    [Fact]
    public void Transient_defaults_follow_the_kind_and_can_be_overridden()
    {
        Assert.False(new ProbeError(ErrorKind.HttpStatus, "404").Transient);
        Assert.True(new ProbeError(ErrorKind.HttpStatus, "503") { Transient = true }.Transient);
        Assert.True(new ProbeError(ErrorKind.Condition, "c").Transient);
        Assert.False(new ProbeError(ErrorKind.Expect, "e").Transient);
        Assert.False(new ProbeError(ErrorKind.Tls, "t").Transient);
    }
}
