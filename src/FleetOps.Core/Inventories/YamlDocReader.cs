using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using FleetOps.Core.Contracts;

namespace FleetOps.Core.Inventories;

/// <summary>
/// Builds a <see cref="DocNode"/> tree from YAML parser events, iteratively (no recursion, so deep nesting cannot
/// overflow the stack). Handles anchors and aliases (shared nodes; an alias to a collection still being built is an
/// error, so no cycles), merge keys (<c>&lt;&lt;: *base</c>, explicit keys win), duplicate keys (an error, as in
/// YAML 1.2), and types plain scalars by the YAML 1.2 core schema (null, true/false, numbers; the rest are strings).
/// Aliases share nodes, but every collection counts its values as if each alias were a copy, so a document that
/// names more than <see cref="InventoryLimits.MaxYamlNodes"/> values is refused at the alias that goes over, before
/// any reader walks it.
/// </summary>
internal static class YamlDocReader
{
    private const string StrTag = "tag:yaml.org,2002:str";

    private sealed class Frame(DocNode node, AnchorName anchor)
    {
        public DocNode Node { get; } = node;
        public AnchorName Anchor { get; } = anchor;
        public bool HasKey { get; set; }
        public bool KeyIsMerge { get; set; }
        public string Key { get; set; } = "";
        public int KeyLine { get; set; }
        public int KeyColumn { get; set; }
        public HashSet<string>? Keys { get; set; }
        public List<DocNode>? Merges { get; set; }

        /// <summary>Values in this collection, itself included, aliases counted as copies.</summary>
        public long Size { get; set; } = 1;
    }

    public static DocNode Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (DocNode Node, long Size)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        DocNode? root = null;
        var documents = 0;
        Mark last = Mark.Empty;

        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.Start;
                switch (e)
                {
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar s:
                        var scalar = MakeScalar(s);
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = (scalar, 1);
                        Deliver(scalar, 1, s.Style == ScalarStyle.Plain && s.Tag.IsEmpty, e.Start);
                        break;
                    case AnchorAlias a:
                        if (!anchors.TryGetValue(a.Value.Value, out var target))
                            throw At(e.Start, $"alias *{a.Value.Value} names no anchor defined before it (recursive aliases are not allowed)");
                        Deliver(target.Node, target.Size, false, e.Start);
                        break;
                    case MappingStart m:
                        Push(DocNode.Map((int)m.Start.Line, (int)m.Start.Column), m.Anchor, e.Start);
                        break;
                    case SequenceStart q:
                        Push(DocNode.Seq((int)q.Start.Line, (int)q.Start.Column), q.Anchor, e.Start);
                        break;
                    case MappingEnd or SequenceEnd:
                        var done = stack.Pop();
                        if (done.Merges is not null) ApplyMerges(done);
                        // Registered only now, so an alias inside its own anchor fails instead of making a cycle.
                        if (!done.Anchor.IsEmpty) anchors[done.Anchor.Value] = (done.Node, done.Size);
                        Deliver(done.Node, done.Size, false, e.Start);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new InventoryFormatException($"line {ex.Start.Line}", "YAML: " + Clean(ex.Message), (int)ex.Start.Line, (int)ex.Start.Column, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these for some malformed input; the last good event is the best position we have.
            throw new InventoryFormatException($"line {last.Line}", "YAML: not valid YAML after this point", (int)last.Line, (int)last.Column, ex);
        }
        return root ?? DocNode.Null;

        void Push(DocNode node, AnchorName anchor, Mark mark)
        {
            if (stack.Count >= InventoryLimits.MaxDepth)
                throw At(mark, $"nested more than {InventoryLimits.MaxDepth} levels deep");
            stack.Push(new Frame(node, anchor));
        }

        void Deliver(DocNode node, long size, bool plain, Mark mark)
        {
            if (stack.Count > 0)
            {
                // Saturating: nested aliases can name 10^30 values, more than a long holds.
                var parent = stack.Peek();
                parent.Size = parent.Size > InventoryLimits.MaxYamlNodes - size ? long.MaxValue : parent.Size + size;
                if (parent.Size > InventoryLimits.MaxYamlNodes)
                    throw At(mark, $"YAML aliases expand the document to more than {InventoryBudget.N(InventoryLimits.MaxYamlNodes)} values " +
                                   "(each alias counts as a copy of its anchor)");
            }
            if (stack.Count == 0)
            {
                if (documents > 1 && node.Kind != DocKind.Null)
                    throw node.Line > 0
                        ? node.Error($"line {node.Line}", "more than one YAML document ('---'): put the whole inventory in one")
                        : At(mark, "more than one YAML document ('---'): put the whole inventory in one");
                root ??= node;
                return;
            }
            var top = stack.Peek();
            if (top.Node.Kind == DocKind.Seq)
            {
                top.Node.Items.Add(node);
                return;
            }
            if (!top.HasKey)
            {
                if (!node.IsScalar && node.Kind != DocKind.Null)
                    throw At(mark, "mapping keys must be plain values, not " + node.Describe());
                top.HasKey = true;
                top.Key = node.Text;
                top.KeyIsMerge = plain && node.Text == "<<";
                top.KeyLine = (int)mark.Line;
                top.KeyColumn = (int)mark.Column;
                return;
            }
            top.HasKey = false;
            if (top.KeyIsMerge)
            {
                (top.Merges ??= []).Add(node);
                return;
            }
            if (!(top.Keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(top.Key))
                throw new InventoryFormatException($"line {top.KeyLine}", $"duplicate key {Echo.Quote(top.Key)}", top.KeyLine, top.KeyColumn);
            top.Node.Entries.Add(new DocEntry(top.Key, node, top.KeyLine, top.KeyColumn));
        }
    }

    /// <summary>YAML 1.1 merge keys, which YAML 1.2 dropped but many inventories use. Earlier sources win over later.</summary>
    private static void ApplyMerges(Frame frame)
    {
        var keys = frame.Keys ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var merge in frame.Merges!)
        {
            var sources = merge.Kind == DocKind.Seq ? merge.Items : [merge];
            foreach (var source in sources)
            {
                if (source.Kind != DocKind.Map)
                    throw source.Error($"line {source.Line}", "'<<' merges mappings only, not " + source.Describe());
                foreach (var entry in source.Entries)
                    if (keys.Add(entry.Key)) frame.Node.Entries.Add(entry);
            }
        }
    }

    private static DocNode MakeScalar(Scalar s)
    {
        var line = (int)s.Start.Line;
        var column = (int)s.Start.Column;
        // Quoted, block (| >) and !!str scalars are strings; only untagged plain ones are typed.
        if (s.Style != ScalarStyle.Plain || (!s.Tag.IsEmpty && s.Tag.Value == StrTag))
            return DocNode.Scalar(DocKind.String, s.Value, line, column);
        return DocNode.Scalar(ScalarTypes.Classify(s.Value), s.Value, line, column);
    }

    private static InventoryFormatException At(Mark mark, string detail) =>
        new($"line {mark.Line}", detail, (int)mark.Line, (int)mark.Column);

    // YamlDotNet messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we give the position ourselves.
    private static string Clean(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }
}
