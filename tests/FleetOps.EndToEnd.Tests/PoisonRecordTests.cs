using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FleetOps.Core;
using FleetOps.Testing;

namespace FleetOps.EndToEnd.Tests;

/// <summary>
/// A bad queue message always settles: its poison record fits one queue message however many errors it produced or
/// however big it was, with the full details in a blob the record points to; the live queue is left empty for good.
/// </summary>
public sealed class PoisonRecordTests(SelfHostEnvironment env) : IClassFixture<SelfHostEnvironment>
{
    private const int QueueMessageLimit = 64 * 1024;

    [Fact]
    public async Task A_message_with_thousands_of_errors_goes_to_poison_with_a_record_that_fits_and_a_blob_with_every_error()
    {
        // 2,900 targets with broken addresses in under 48 KB: thousands of validation errors from a message that fits.
        var targets = string.Join(",", Enumerable.Range(0, 2900).Select(_ => "{\"address\":\"!\"}"));
        var body = "{\"requestId\":\"many-" + Guid.NewGuid().ToString("N")[..8] + "\",\"targets\":[" + targets + "],\"checks\":[{\"kind\":\"tcp\"}]}";
        var (record, raw) = await SendAndAwaitPoisonAsync(body);

        Assert.True(Encoding.UTF8.GetByteCount(raw) <= QueueMessageLimit);
        // The validator lists the first problems and counts the rest in its last entry; the record keeps all of them.
        var errors = record["errors"]!.AsArray();
        Assert.Equal(Core.Contracts.ValidationErrors.MaxReported, errors.Count);
        var unlisted = int.Parse(errors[^1]!["message"]!.GetValue<string>().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Core.Contracts.ValidationErrors.MaxListed + unlisted >= 2900 * 2, $"{unlisted} unlisted"); // name and address of each
        var details = await ReadDetailsAsync(record);
        Assert.Equal(errors.Count, details["errors"]!.AsArray().Count);
        Assert.Equal(body, details["message"]!.GetValue<string>());
        Assert.Equal(body, record["message"]?.GetValue<string>() ?? details["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_near_the_64_KB_limit_goes_to_poison_and_its_original_text_is_kept_in_the_details_blob()
    {
        // One error, but a 47 KB body (63 KB as base64) made of \" pairs, which double when the record quotes them:
        // the record with the original inside would not fit.
        var padding = string.Concat(Enumerable.Repeat("\\\"", (47_000 - 200) / 2));
        var body = "{\"requestId\":\"big-" + Guid.NewGuid().ToString("N")[..8] + "\",\"name\":\"" + padding + "\",\"targets\":[{\"name\":\"a\",\"address\":\"127.0.0.1:1\"}],\"checks\":[{\"kind\":\"smtp\"}]}";
        Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)).Length is > 60_000 and <= QueueMessageLimit);
        var (record, raw) = await SendAndAwaitPoisonAsync(body);

        Assert.True(Encoding.UTF8.GetByteCount(raw) <= QueueMessageLimit);
        Assert.Contains("checks[0].kind", record["reason"]!.GetValue<string>());
        var details = await ReadDetailsAsync(record);
        Assert.Equal(body, details["message"]!.GetValue<string>());
    }

    private async Task<(JsonNode Record, string Raw)> SendAndAwaitPoisonAsync(string body)
    {
        var queue = new QueueClient(env.Storage.ConnectionString, "sweep-requests", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var poison = new QueueClient(env.Storage.ConnectionString, "sweep-requests-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var rawPoison = new QueueClient(env.Storage.ConnectionString, "sweep-requests-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        var sent = await queue.SendMessageAsync(body);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var m in (await rawPoison.PeekMessagesAsync(32)).Value)
            {
                var text = m.Body.ToString();
                var record = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)))!;
                if (record["messageId"]!.GetValue<string>() != sent.Value.MessageId) continue;
                // Settled for good: gone from the live queue, and it does not come back after a visibility timeout.
                await Task.Delay(TimeSpan.FromSeconds(3));
                Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, x => x.MessageId == sent.Value.MessageId);
                Assert.False(env.Host.Process.OutputContains("could not settle"), env.Host.Process.Output());
                Assert.False(env.Host.Process.HasExited);
                return (record, text);
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"message {sent.Value.MessageId} never reached the poison queue\n{env.Host.Process.Output()}");
    }

    private async Task<JsonNode> ReadDetailsAsync(JsonNode record)
    {
        var details = record["details"]!.GetValue<string>();
        var slash = details.IndexOf('/');
        var blob = new BlobServiceClient(env.Storage.ConnectionString).GetBlobContainerClient(details[..slash]).GetBlobClient(details[(slash + 1)..]);
        return JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
    }
}
