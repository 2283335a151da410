using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

public sealed class SweepPhasesTests
{
    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Each_boundary_is_the_first_poll_that_saw_it()
    {
        var observer = new SweepPhases.Observer(Ms(100));
        observer.Observe(Ms(150), "Pending", null, 0, 0);
        observer.Observe(Ms(200), "Running", "preparing", 0, 4);
        observer.Observe(Ms(250), "Running", "probing", 0, 4);
        observer.Observe(Ms(300), "Running", "probing", 2, 4);
        observer.Observe(Ms(700), "Running", "probing", 4, 4);
        Assert.False(observer.Done);
        observer.Observe(Ms(800), "Completed", "completed", 4, 4);
        Assert.True(observer.Done);
        Assert.Equal(new SweepPhases(Ms(100), Ms(150), Ms(450), Ms(100)), observer.Phases());
    }

    [Fact]
    public void A_run_seen_only_when_complete_puts_its_time_in_queue()
    {
        var observer = new SweepPhases.Observer(Ms(100));
        observer.Observe(Ms(400), "Completed", "completed", 2, 2);
        Assert.Equal(new SweepPhases(Ms(100), Ms(300), TimeSpan.Zero, TimeSpan.Zero), observer.Phases());
        Assert.Equal("accept 0.10 s, queue 0.30 s, probe 0.00 s, finish 0.00 s", observer.Phases().ToString());
    }

    [Fact]
    public void Phases_of_a_run_not_yet_ended_are_refused()
    {
        var observer = new SweepPhases.Observer(Ms(100));
        observer.Observe(Ms(200), "Running", "probing", 1, 2);
        Assert.Throws<InvalidOperationException>(observer.Phases);
    }
}
