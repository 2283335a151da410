using System.Globalization;
using System.Text;
using CsCheck;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// Runs a fixed number of fuzz cases, case i drawn from <c>PCG(stream i, run seed)</c>: the same seed makes the same
/// cases (CsCheck's <c>Sample</c> seeds only its first iteration, so it cannot be the runner of a reproducible run).
/// A failure names the seed and the case, shows the input (cut; the whole of it is written to <c>artifacts/fuzz/</c>)
/// and keeps the original exception.
/// <list type="bullet">
/// <item><c>FLEETOPS_FUZZ_SEED</c>: another run seed (default <see cref="DefaultSeed"/>, what CI runs).</item>
/// <item><c>FLEETOPS_FUZZ_CASE</c>: run only that case of the seed (to reproduce a failure).</item>
/// <item><c>FLEETOPS_FUZZ_CASES</c>: more (or fewer) cases than CI's count, for a deeper local run.</item>
/// <item><c>FLEETOPS_FUZZ_ALL=1</c>: go on after a failure and list every failing case (one line each), to see all
/// the classes of defect a run finds at once.</item>
/// </list>
/// </summary>
public static class FuzzRunner
{
    public const ulong DefaultSeed = 20_261_201;

    /// <summary>Characters of a failing input shown in the message.</summary>
    private const int ShownChars = 1_000;

    private static bool KeepGoing => Environment.GetEnvironmentVariable("FLEETOPS_FUZZ_ALL") == "1";

    public static ulong Seed =>
        Environment.GetEnvironmentVariable("FLEETOPS_FUZZ_SEED") is { Length: > 0 } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : DefaultSeed;

    public static int Cases(int ciCases) =>
        Environment.GetEnvironmentVariable("FLEETOPS_FUZZ_CASES") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : ciCases;

    private static int? OnlyCase =>
        Environment.GetEnvironmentVariable("FLEETOPS_FUZZ_CASE") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>The input of case <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static T Generate<T>(Func<FuzzRandom, T> generate, ulong seed, int index) => generate(new FuzzRandom(new PCG((uint)index, seed)));

    /// <summary>Runs <paramref name="cases"/> cases (or the one FLEETOPS_FUZZ_CASE names); returns how many ran.</summary>
    public static int Run<T>(string name, int cases, Func<FuzzRandom, T> generate, Action<T> check, Func<T, string> print) =>
        RunAsync(name, cases, generate, (input, _) =>
        {
            check(input);
            return Task.CompletedTask;
        }, print).GetAwaiter().GetResult();

    public static async Task<int> RunAsync<T>(string name, int cases, Func<FuzzRandom, T> generate, Func<T, int, Task> check, Func<T, string> print)
    {
        var seed = Seed;
        var ran = 0;
        var failures = new List<string>();
        foreach (var i in Indices(Cases(cases)))
        {
            var input = Generate(generate, seed, i);
            ran++;
            try
            {
                await check(input, i);
            }
            catch (Exception e)
            {
                var failure = Failure(name, seed, i, print(input), e);
                if (!KeepGoing) throw failure;
                failures.Add($"case {i}: {Cut(e.Message.ReplaceLineEndings(" "), 300)}");
            }
        }
        if (failures.Count > 0)
            throw new FuzzFailure($"fuzz {name}: {failures.Count} of {ran} cases failed (seed {seed}; inputs in artifacts/fuzz/):\n{string.Join('\n', failures)}", null);
        return ran;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : $"{text[..max]}…";

    private static IEnumerable<int> Indices(int cases) => OnlyCase is { } only ? [only] : Enumerable.Range(0, cases);

    public static FuzzFailure Failure(string name, ulong seed, int index, string input, Exception cause)
    {
        string? file = null;
        try
        {
            var dir = Path.Combine(RepoPaths.Root, "artifacts", "fuzz");
            Directory.CreateDirectory(dir);
            file = Path.Combine(dir, $"{name}-{seed}-{index}.txt");
            File.WriteAllText(file, input, new UTF8Encoding(false, throwOnInvalidBytes: false));
        }
        catch (IOException)
        {
        }
        var shown = input.Length <= ShownChars ? input : $"{input[..ShownChars]}…({input.Length} chars)";
        var message = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"fuzz {name}: case {index} failed: {Cut(cause.Message, 1_000)}")
            .AppendLine(CultureInfo.InvariantCulture, $"reproduce: FLEETOPS_FUZZ_SEED={seed} FLEETOPS_FUZZ_CASE={index} dotnet test --filter {name}")
            .AppendLine(file is null ? "input:" : $"input (all of it in {file}):")
            .Append(shown)
            .ToString();
        return new FuzzFailure(message, cause);
    }
}

/// <summary>A fuzz case broke a rule: the message says which case of which seed, and the input.</summary>
public sealed class FuzzFailure(string message, Exception? cause) : Exception(message, cause);
