using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// What a node's address does when probed once over a fresh connection (no pooling): refused, connect timed out, no
/// answer, or an HTTP status with the node name it gave. <see cref="Matches"/> says whether that is what the node's fault
/// promises, the node's own name included: an answer from another node is never right.
/// </summary>
public sealed record NodeAnswer(string Outcome, int Status = 0, string? BodyNode = null, string? HeaderNode = null)
{
    /// <summary>
    /// How long to wait for silence, when the fault promises it: a connect that never completes (blackhole) or an answer
    /// that never comes (hang). Anything that should happen gets 5 s, so a busy machine cannot fake a fault; probe
    /// answering nodes first, so a process is warm by the time silence is judged.
    /// </summary>
    public static TimeSpan WaitFor(NodeFault fault) =>
        fault is NodeFault.Hang or NodeFault.Blackhole ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(5);

    public static async Task<NodeAnswer> OfAsync(SimulatedNode node) => await OfAsync(RawHttp.EndPointOf(node), node.Fault);

    public static async Task<NodeAnswer> OfAsync(IPEndPoint endPoint, NodeFault fault)
    {
        var silence = WaitFor(fault);
        var connectWait = fault == NodeFault.Blackhole ? silence : TimeSpan.FromSeconds(5);
        var answerWait = fault == NodeFault.Hang ? silence : TimeSpan.FromSeconds(5);
        switch (await TcpConnect.TryAsync(endPoint, connectWait))
        {
            case ConnectOutcome.Refused: return new NodeAnswer("refused");
            case ConnectOutcome.TimedOut: return new NodeAnswer("connect-timeout");
        }
        using var timeout = new CancellationTokenSource(answerWait);
        try
        {
            var answer = await RawHttp.GetAsync(endPoint, "/health", timeout.Token);
            string? bodyNode = null;
            try
            {
                bodyNode = JsonDocument.Parse(answer.Body).RootElement.GetProperty("node").GetString();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }
            return new NodeAnswer("http", answer.Status, bodyNode, answer.Headers.GetValueOrDefault("X-Node"));
        }
        catch (OperationCanceledException)
        {
            return new NodeAnswer("no-answer");
        }
        catch (SocketException e)
        {
            return new NodeAnswer($"error {e.SocketErrorCode}");
        }
    }

    public bool Matches(SimulatedNode node) => Matches(node.Name, node.Fault, wrongStatusCode: 503);

    public bool Matches(string name, NodeFault fault, int wrongStatusCode) => fault switch
    {
        NodeFault.None or NodeFault.Slow => Outcome == "http" && Status == 200 && Named(name),
        NodeFault.WrongStatus => Outcome == "http" && Status == wrongStatusCode && Named(name),
        NodeFault.Down => Outcome == "refused",
        NodeFault.Hang => Outcome == "no-answer",
        NodeFault.Blackhole => Outcome == "connect-timeout",
        _ => false,
    };

    private bool Named(string name) => BodyNode == name && HeaderNode == name;
}
