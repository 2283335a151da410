using FleetOps.Workflows.Alerts;
using FleetOps.Workflows.Tests.Storage;

namespace FleetOps.Workflows.Tests.Alerts;

/// <summary>The claim a sender takes before it sends, on real storage: one holder at a time, taken over once it lapses, final once sent.</summary>
public sealed class DeliveryRecordsTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private DeliveryRecords Records => new(fixture.Clients, _clock);
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_claim_is_held_until_it_lapses_then_one_other_sender_takes_it_over()
    {
        var id = NewId();
        var (first, claim) = await Records.ClaimAsync(id, "ops", Lease, default);
        Assert.Equal((ClaimOutcome.Claimed, 1), (first, claim!.Attempts));

        _clock.Now += Lease - TimeSpan.FromSeconds(1);
        Assert.Equal(ClaimOutcome.Busy, (await Records.ClaimAsync(id, "ops", Lease, default)).Outcome);

        // The holder died: once its claim lapses, exactly one of several takers gets it.
        _clock.Now += TimeSpan.FromSeconds(2);
        var takers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Records.ClaimAsync(id, "ops", Lease, default)));
        var taken = Assert.Single(takers, t => t.Outcome == ClaimOutcome.Claimed);
        Assert.Equal(2, taken.Claim!.Attempts);
        Assert.All(takers.Where(t => t.Outcome != ClaimOutcome.Claimed), t => Assert.Equal(ClaimOutcome.Busy, t.Outcome));
    }

    [Fact]
    public async Task Of_many_first_claims_at_once_exactly_one_wins()
    {
        var id = NewId();
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Records.ClaimAsync(id, "ops", Lease, default)));
        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Claimed);
    }

    [Fact]
    public async Task Sent_is_final_and_a_released_claim_can_be_taken_at_once()
    {
        var id = NewId();
        var (_, claim) = await Records.ClaimAsync(id, "ops", Lease, default);
        await Records.ReleaseAsync(claim!, 503, "status 503", failed: false, default);
        var (again, retry) = await Records.ClaimAsync(id, "ops", Lease, default);
        Assert.Equal((ClaimOutcome.Claimed, 2, "status 503"), (again, retry!.Attempts, retry.LastError));

        await Records.MarkSentAsync(retry, 200, default);
        _clock.Now += TimeSpan.FromDays(1);
        Assert.Equal(ClaimOutcome.AlreadySent, (await Records.ClaimAsync(id, "ops", Lease, default)).Outcome);
        // Another notifier's record of the same alert is its own.
        Assert.Equal(ClaimOutcome.Claimed, (await Records.ClaimAsync(id, "pager", Lease, default)).Outcome);
    }

    [Fact]
    public async Task A_failed_delivery_can_be_tried_again_when_its_message_comes_back()
    {
        var id = NewId();
        var (_, claim) = await Records.ClaimAsync(id, "ops", Lease, default);
        await Records.ReleaseAsync(claim!, 404, "status 404", failed: true, default);
        Assert.Equal(DeliveryState.Failed, (await Records.GetAsync(id, "ops", default))!.State);
        Assert.Equal(ClaimOutcome.Claimed, (await Records.ClaimAsync(id, "ops", Lease, default)).Outcome);
    }
}
