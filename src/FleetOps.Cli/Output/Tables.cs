using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>Tables as the CLI draws them: rounded on a terminal, ASCII in logs; cells are text, never markup.</summary>
internal static class Tables
{
    /// <summary>A table with these columns; a column whose name starts with '>' is right-aligned (numbers).</summary>
    public static Table Create(CliConsole console, params string[] columns)
    {
        var table = new Table().Border(console.Live ? TableBorder.Rounded : TableBorder.Ascii2);
        foreach (var column in columns)
        {
            var right = column.StartsWith('>');
            var c = new TableColumn(new Text(right ? column[1..] : column, new Style(decoration: Decoration.Bold)));
            table.AddColumn(right ? c.RightAligned() : c);
        }
        return table;
    }

    /// <summary>Adds a row of plain text cells.</summary>
    public static Table Row(this Table table, params string?[] cells)
    {
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());
        return table;
    }

    /// <summary>A heading line, then the table.</summary>
    public static void Write(CliConsole console, string heading, Table table)
    {
        console.Line();
        console.Markup($"[bold]{Markup.Escape(heading)}[/]");
        console.Out.Write(table);
    }
}
