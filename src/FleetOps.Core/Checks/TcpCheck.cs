using System.Text.Json.Serialization;
using FleetOps.Core.Targets;

namespace FleetOps.Core.Checks;

/// <summary>
/// <c>tcp</c>: connect to <see cref="Port"/> (or the target's port); optionally <see cref="Send"/>, then read until the
/// answer contains <see cref="Expect"/>.
/// </summary>
public record TcpCheck : CheckSpec
{
    [JsonPropertyOrder(PortOrder)]
    public int? Port { get; init; }

    /// <summary>Text sent once connected; <c>\r \n \t \\</c> are escapes (<see cref="SendText"/>).</summary>
    public string? Send { get; init; }

    /// <summary>A substring, or a regular expression written as <c>/pattern/</c> (<see cref="ExpectMatcher"/>).</summary>
    public string? Expect { get; init; }

    public override string Label => Port is { } p ? $"{Kind}:{p}" : Kind;

    public override void Validate(CheckErrors errors)
    {
        errors.Port(Port);
        if (Send is { } send)
        {
            if (send.Length > SendText.MaxLength) errors.Fail("send", $"is {send.Length} characters, more than {SendText.MaxLength}");
            else if (!SendText.TryDecode(send, out _, out var sendError)) errors.Fail("send", sendError!);
        }
        if (Expect is { } expect)
        {
            if (expect.Length == 0) errors.Fail("expect", "is empty: leave it out to only connect");
            else if (expect.Length > ExpectMatcher.MaxLength) errors.Fail("expect", $"is {expect.Length} characters, more than {ExpectMatcher.MaxLength}");
            else if (!ExpectMatcher.TryCreate(expect, out _, out var expectError)) errors.Fail("expect", expectError!);
        }
    }

    public override void ValidateTarget(TargetAddress target, TargetCheckErrors errors) => errors.NeedsPort(Port, target);
}
