using System.Text;

namespace FleetOps.Testing.Fuzz;

/// <summary>
/// Mutates a valid JSON request into a likely invalid one, a few edits at a time: fields dropped, duplicated (also in
/// another case), renamed or added; values of the wrong type, huge, deeply nested, full of odd characters, numbers at
/// the edges, arrays repeated. Then <see cref="BytesMutator"/> may break the text itself.
/// </summary>
public static class JsonMutator
{
    /// <summary>Numbers at the edges of int, long, double and of what JSON allows (the last few are not JSON).</summary>
    public static readonly string[] EdgeNumbers =
    [
        "0", "-0", "1", "-1", "2", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "1e308", "-1e308", "1e309", "1e-400", "0.5", "1.0", "1E2", "1e+2", "-0.0", "0.1e1", "100000000000000000000.0",
        "00", "01", "+1", ".5", "1.", "NaN", "Infinity", "-Infinity", "0x10", "1_000",
    ];

    private static readonly string[] Names = ["kind", "name", "address", "targets", "checks", "options", "url", "by", "x", "", "$type", "__proto__", "$ref"];

    public sealed record Mutated(string Json, string Description);

    public static Mutated Mutate(FuzzRandom r, JShape template, FuzzLimits limits, int minEdits = 1, int maxEdits = 3)
    {
        var root = template.Clone();
        var applied = new List<string>();
        var edits = r.Between(minEdits, maxEdits);
        for (var e = 0; e < edits; e++) root = Edit(r, root, limits, applied);
        return new Mutated(root.ToJson(), string.Join("; ", applied));
    }

    private static JShape Edit(FuzzRandom r, JShape root, FuzzLimits limits, List<string> applied)
    {
        var slots = Slots(root);
        var slot = slots.Count > 0 ? r.Pick(slots) : null;
        var members = slots.Where(s => s.Object is not null).ToList();
        var member = members.Count > 0 ? r.Pick(members) : null;
        var op = r.Next(14);
        switch (op)
        {
            case 0 when member is not null:
                member.Object!.Members.RemoveAt(member.Index);
                applied.Add($"drop {member.Path}");
                return root;
            case 1 when member is not null:
            {
                var original = member.Object!.Members[member.Index];
                var key = r.Chance(0.5) ? original.Key : StringMutator.Mutate(r, original.Key, limits).Text;
                var value = r.Chance(0.5) ? original.Value.Clone() : RandomValue(r, limits, 2);
                member.Object.Members.Insert(r.Between(0, member.Object.Members.Count), new JMember(key, value));
                applied.Add($"duplicate {member.Path} as '{Short(key)}'");
                return root;
            }
            case 2 when member is not null:
            {
                var (key, what) = StringMutator.Mutate(r, member.Object!.Members[member.Index].Key, limits);
                member.Object.Members[member.Index].Key = key;
                applied.Add($"rename {member.Path} ({what}) to '{Short(key)}'");
                return root;
            }
            case 3:
            {
                var objects = Objects(root);
                if (objects.Count == 0) break;
                var target = r.Pick(objects);
                var key = r.Chance(0.5) ? r.Pick(Names) : StringMutator.Mutate(r, r.Pick(Names), limits).Text;
                target.Members.Insert(r.Between(0, target.Members.Count), new JMember(key, RandomValue(r, limits, 2)));
                applied.Add($"add '{Short(key)}'");
                return root;
            }
            case 4:
                return Replace(root, slot, WrongType(r, slot?.Value ?? root, limits), applied, "wrong type");
            case 5:
                return Replace(root, slot, new JString(StringMutator.Huge(r, limits)), applied, "huge string");
            case 6:
                return Replace(root, slot, new JRaw(Nesting(r, limits)), applied, "deep nesting");
            case 7:
            {
                var strings = slots.Where(s => s.Value is JString).ToList();
                if (strings.Count == 0) break;
                var s = r.Pick(strings);
                var (text, what) = StringMutator.Mutate(r, ((JString)s.Value).Value, limits);
                applied.Add($"string {s.Path} ({what})");
                return Replace(root, s, new JString(text), [], "");
            }
            case 8:
                return Replace(root, slot, new JRaw(r.Pick(EdgeNumbers)), applied, "edge number");
            case 9:
            {
                var arrays = slots.Where(s => s.Value is JArray { Items.Count: > 0 }).ToList();
                if (arrays.Count == 0) break;
                var a = (JArray)r.Pick(arrays).Value;
                var item = a.Items[r.Next(a.Items.Count)];
                var times = r.LogSize(2, limits.MaxRepeat);
                for (var i = 0; i < times; i++) a.Items.Add(item.Clone());
                applied.Add($"repeat an item {times} times");
                return root;
            }
            case 10:
                return Replace(root, slot, slot?.Value switch { JObject => new JObject([]), JArray => new JArray([]), _ => new JString("") }, applied, "empty");
            case 11:
                return Replace(root, slot, new JRaw("null"), applied, "null");
            case 12:
                return Replace(root, slot, new JString(r.Pick(StringMutator.Pool)), applied, "pool value");
            default:
                return Replace(root, slot, RandomValue(r, limits, 3), applied, "random value");
        }
        applied.Add("(no-op)");
        return root;
    }

    private static JShape Replace(JShape root, Slot? slot, JShape value, List<string> applied, string what)
    {
        if (what.Length > 0) applied.Add($"{what} at {slot?.Path ?? "root"}");
        if (slot is null) return value;
        if (slot.Object is { } o) o.Members[slot.Index].Value = value;
        else slot.Array!.Items[slot.Index] = value;
        return root;
    }

    private static JShape WrongType(FuzzRandom r, JShape current, FuzzLimits limits)
    {
        for (var i = 0; i < 8; i++)
        {
            var candidate = RandomValue(r, limits, 2);
            if (candidate.GetType() != current.GetType()) return candidate;
        }
        return new JRaw("true");
    }

    public static JShape RandomValue(FuzzRandom r, FuzzLimits limits, int depth) =>
        r.Next(depth > 0 ? 8 : 5) switch
        {
            0 => new JRaw(r.Pick(EdgeNumbers[..29])),
            1 => new JString(r.Chance(0.5) ? r.Pick(StringMutator.Pool) : StringMutator.Special(r)),
            2 => new JRaw(r.Pick(["true", "false", "null"])),
            3 => new JString(""),
            4 => new JRaw(r.Pick(EdgeNumbers)),
            5 => new JArray(Enumerable.Range(0, r.Next(4)).Select(_ => RandomValue(r, limits, depth - 1)).ToList()),
            6 => new JObject(Enumerable.Range(0, r.Next(4)).Select(_ => new JMember(r.Pick(Names), RandomValue(r, limits, depth - 1))).ToList()),
            _ => new JArray([]),
        };

    /// <summary>[[[...]]] or {"a":{"a":...}}, closed or not, thousands deep.</summary>
    private static string Nesting(FuzzRandom r, FuzzLimits limits)
    {
        var depth = r.LogSize(10, limits.MaxDepth);
        var objects = r.Chance(0.5);
        var closed = r.Chance(0.8);
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++) sb.Append(objects ? "{\"a\":" : "[");
        sb.Append("1");
        if (closed) for (var i = 0; i < depth; i++) sb.Append(objects ? '}' : ']');
        return sb.ToString();
    }

    private static string Short(string text) => text.Length <= 40 ? text : $"{text[..40]}…({text.Length} chars)";

    private sealed record Slot(JObject? Object, JArray? Array, int Index, JShape Value, string Path);

    private static List<Slot> Slots(JShape root)
    {
        var slots = new List<Slot>();
        var stack = new Stack<(JShape Node, string Path)>();
        stack.Push((root, ""));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            if (node is JObject o)
            {
                for (var i = 0; i < o.Members.Count; i++)
                {
                    var p = path.Length == 0 ? o.Members[i].Key : $"{path}.{o.Members[i].Key}";
                    slots.Add(new Slot(o, null, i, o.Members[i].Value, p));
                    stack.Push((o.Members[i].Value, p));
                }
            }
            else if (node is JArray a)
            {
                for (var i = 0; i < a.Items.Count; i++)
                {
                    var p = $"{path}[{i}]";
                    slots.Add(new Slot(null, a, i, a.Items[i], p));
                    stack.Push((a.Items[i], p));
                }
            }
        }
        return slots;
    }

    private static List<JObject> Objects(JShape root)
    {
        var found = new List<JObject>();
        if (root is JObject top) found.Add(top);
        found.AddRange(Slots(root).Select(s => s.Value).OfType<JObject>());
        return found;
    }
}
