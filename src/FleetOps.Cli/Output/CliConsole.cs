using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// Where a command writes: <see cref="Out"/> (Spectre.Console: tables, progress, live views), <see cref="Error"/>
/// (one-line failures) and whether stdout is a terminal. A terminal gets progress bars and live views; anything else
/// (a CI log, <c>| cat</c>, a file) gets plain lines and ASCII tables: no cursor movement, no colour.
/// </summary>
internal sealed class CliConsole(IAnsiConsole output, TextWriter writer, TextWriter error, bool live)
{
    /// <summary>Wide enough that tables in a log are not wrapped into unreadable cells.</summary>
    public const int PlainWidth = 200;

    public IAnsiConsole Out => output;

    /// <summary>The same stdout as plain text: for lines that must not be wrapped or parsed (paths, JSON, scripts).</summary>
    public TextWriter Writer => writer;
    public TextWriter Error => error;

    /// <summary>True on a terminal: progress bars and live views redraw in place. False: plain lines, one per change.</summary>
    public bool Live => live;

    /// <summary>
    /// The process's own stdout and stderr: live when stdout is a terminal that takes ANSI codes (TERM names one;
    /// not "dumb"), plain otherwise.
    /// </summary>
    public static CliConsole ForProcess()
    {
        if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") is "dumb") return Plain(Console.Out, Console.Error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        return console.Profile.Capabilities.Ansi ? new CliConsole(console, Console.Out, Console.Error, live: true) : Plain(Console.Out, Console.Error);
    }

    /// <summary>Plain output to any writer: no ANSI codes, no colour, no redrawing; what CI logs and tests see.</summary>
    public static CliConsole Plain(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = PlainWidth;
        return new CliConsole(console, output, error, live: false);
    }

    /// <summary>A line of plain text, as it is: never parsed as markup (server text may hold brackets), never wrapped.</summary>
    public void Line(string text = "") => writer.WriteLine(text);

    /// <summary>A line with Spectre markup; interpolate server text only through <see cref="Markup.Escape"/>.</summary>
    public void Markup(string markup) => output.MarkupLine(markup);
}
