using FleetOps.Reports.BrowserTests;
using FleetOps.Testing;
using Microsoft.Playwright;

namespace FleetOps.Dashboard.BrowserTests;

/// <summary>
/// A private Azurite, a self-host on it with an API key (so the dashboard is opened as off loopback: with the key) and
/// monitors allowed a 1 s interval, a key-carrying API client, and the system Chromium. One per test class.
/// </summary>
public sealed class DashboardEnvironment : IAsyncLifetime
{
    public const string Key = "dashboard-test-key-7f3a";

    public Azurite Storage { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public RunsClient Api { get; private set; } = null!;
    internal SystemChromium Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        Host = await HostProcess.StartAsync(Storage.ConnectionString, "dash" + Guid.NewGuid().ToString("N")[..8], extraEnvironment: new Dictionary<string, string?>
        {
            ["FleetOps__ApiKey"] = Key,
            ["FleetOps__Monitors__MinInterval"] = "00:00:01",
            ["FleetOps__Monitors__ReconcileSchedule"] = "*/5 * * * * *",
        });
        var http = Host.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        Api = new RunsClient(http);
        Browser = await SystemChromium.LaunchAsync();
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh tab on the dashboard at <paramref name="hash"/>, the key given once in the address as ?code=.</summary>
    public async Task<DashboardTab> OpenAsync(string hash)
    {
        var page = await Browser.Context.NewPageAsync();
        var tab = new DashboardTab(page);
        await page.GotoAsync($"{Host.BaseAddress}?code={Uri.EscapeDataString(Key)}{hash}");
        return tab;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Api?.Http.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
    }
}

/// <summary>A dashboard tab that records what the console said (a refused script or style is an error there).</summary>
public sealed class DashboardTab
{
    private readonly List<string> _errors = [];

    public DashboardTab(IPage page)
    {
        Page = page;
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (_errors) _errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (_errors) _errors.Add(e); };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors { get { lock (_errors) return [.. _errors]; } }

    public ILocator this[string selector] => Page.Locator(selector);

    /// <summary>Waits (polling, as the page refreshes itself) until the selector matches something visible.</summary>
    public Task WaitAsync(string selector, int seconds = 60) =>
        Page.Locator(selector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = seconds * 1000 });

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardEnvironment.Screenshots, name + ".png"), FullPage = true });
}
