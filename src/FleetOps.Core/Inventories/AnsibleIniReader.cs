using System.Text;
using System.Text.RegularExpressions;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Reads an Ansible INI inventory the way Ansible's ini plugin does: hosts before any section are 'ungrouped';
/// <c>[g]</c> lists hosts (<c>name[:port] [key=value ...]</c>, split shell-style, <c>#</c> starts a comment),
/// <c>[g:vars]</c> has <c>key=value</c> lines (value kept as written, quotes around it removed),
/// <c>[g:children]</c> lists child groups. Whole-line comments start with <c>#</c> or <c>;</c>. As in Ansible,
/// <c>[g:vars]</c> needs g declared somewhere by <c>[g]</c> or <c>[g:children]</c>, and so does every child group.
/// </summary>
internal static partial class AnsibleIniReader
{
    private enum Section { Hosts, Vars, Children }

    [GeneratedRegex(@"^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:[#;].*)?$")]
    private static partial Regex SectionHeader();

    public static Inventory Read(string text)
    {
        var graph = new AnsibleGroupGraph();
        var declared = new HashSet<string>(StringComparer.Ordinal) { AnsibleGroupGraph.All, AnsibleGroupGraph.Ungrouped };
        // Groups used before (or without) a declaration: the first line that needs each, checked at the end.
        var pending = new Dictionary<string, (int Line, string Problem)>(StringComparer.Ordinal);
        var group = AnsibleGroupGraph.Ungrouped;
        var section = Section.Hosts;

        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim().ToString();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var at = SourceRef.AtLine(lineNumber);

            if (line[0] == '[' && SectionHeader().Match(line) is { Success: true } header)
            {
                group = header.Groups[1].Value;
                section = header.Groups[2].Value switch
                {
                    "" or "hosts" => Section.Hosts,
                    "vars" => Section.Vars,
                    "children" => Section.Children,
                    var other => throw at.Error($"section [{Echo.Cut(group)}:{Echo.Cut(other)}] has unknown type {Echo.Quote(other)}: expected [{Echo.Cut(group)}], [{Echo.Cut(group)}:vars] or [{Echo.Cut(group)}:children]"),
                };
                graph.AddGroup(group, at);
                if (section == Section.Vars)
                {
                    if (!declared.Contains(group)) pending.TryAdd(group, (lineNumber, $"section [{Echo.Cut(group)}:vars] is for group {Echo.Quote(group)}, which is never declared with [{Echo.Cut(group)}] or [{Echo.Cut(group)}:children]"));
                }
                else if (declared.Add(group))
                {
                    pending.Remove(group);
                }
                continue;
            }
            if (line[0] == '[' && line[^1] == ']' && line.Any(char.IsWhiteSpace))
                throw at.Error($"{Echo.Quote(line)} is not a valid section header: no spaces inside [ ]");

            switch (section)
            {
                case Section.Hosts: ReadHostLine(graph, group, line, at); break;
                case Section.Vars:
                    var eq = line.IndexOf('=');
                    if (eq < 0) throw at.Error($"expected key=value in [{Echo.Cut(group)}:vars], got {Echo.Quote(line)}");
                    graph.SetGroupVar(group, line[..eq].Trim(), Unquote(line[(eq + 1)..].Trim()), at);
                    break;
                case Section.Children:
                    var tokens = ShellWords(line, at);
                    if (tokens.Count != 1) throw at.Error($"expected one group name per line in [{Echo.Cut(group)}:children], got {Echo.Quote(line)}");
                    var child = tokens[0];
                    if (child.IndexOfAny([':', '[', ']', '=']) >= 0) throw at.Error($"{Echo.Quote(child)} is not a group name");
                    graph.AddChild(group, child, at);
                    if (!declared.Contains(child)) pending.TryAdd(child, (lineNumber, $"section [{Echo.Cut(group)}:children] names group {Echo.Quote(child)}, which is never declared with [{Echo.Cut(child)}] or [{Echo.Cut(child)}:children]"));
                    break;
            }
        }

        if (pending.Count > 0)
        {
            var (line, problem) = pending.Values.MinBy(p => p.Line);
            throw SourceRef.AtLine(line).Error(problem);
        }
        return graph.Build();
    }

    private static void ReadHostLine(AnsibleGroupGraph graph, string group, string line, SourceRef at)
    {
        var tokens = ShellWords(line, at);
        if (tokens.Count == 0) return; // only a comment after all
        var names = AnsibleHostPattern.TryParse(tokens[0], out var port, out var error) ?? throw at.Error(error!);
        var vars = new Dictionary<string, string>(tokens.Count, StringComparer.Ordinal);
        // The ":port" of the name is a host var, so an explicit ansible_port on the same line wins, as in Ansible.
        if (port is { } p) vars[AnsibleGroupGraph.PortVar] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i < tokens.Count; i++)
        {
            var eq = tokens[i].IndexOf('=');
            if (eq <= 0) throw at.Error($"expected key=value after the host name, got {Echo.Quote(tokens[i])}");
            var (key, value) = (tokens[i][..eq], tokens[i][(eq + 1)..]);
            AnsibleGroupGraph.CheckVar(key, value, at);
            vars[key] = value;
        }
        graph.AddHosts(group, names, vars, at, Echo.Quote(tokens[0]));
    }

    /// <summary>
    /// Python shlex.split(line, comments=True) as Ansible uses it: whitespace separates words, '...' is literal,
    /// "..." allows \" and \\, a backslash outside quotes escapes the next character, and '#' outside quotes
    /// ends the line (so a value containing '#' must be quoted, as in Ansible).
    /// </summary>
    private static List<string> ShellWords(string line, SourceRef at)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            if (c == '#') break;
            inWord = true;
            if (c == '\\' && i + 1 < line.Length) { word.Append(line[++i]); continue; }
            if (c is '\'' or '"')
            {
                var close = i + 1;
                for (; close < line.Length && line[close] != c; close++)
                {
                    if (c == '"' && line[close] == '\\' && close + 1 < line.Length && line[close + 1] is '"' or '\\') close++;
                    word.Append(line[close]);
                }
                if (close >= line.Length) throw at.Error($"unclosed {c} quote");
                i = close;
                continue;
            }
            word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
}
