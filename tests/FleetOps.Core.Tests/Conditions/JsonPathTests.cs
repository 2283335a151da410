using static FleetOps.Core.Tests.Conditions.ConditionKit;

namespace FleetOps.Core.Tests.Conditions;

public sealed class JsonPathTests
{
    private static readonly Results.ProbeFacts Doc = Json("""
        {
          "status": "UP",
          "data": { "items": [ { "id": 1, "name": "a" }, { "id": 2, "name": "b" } ], "count": 2, "ratio": 0.75 },
          "n": 1, "s": "1", "dec": 1.50,
          "flag": true, "off": false, "nothing": null,
          "empty": [], "obj": {},
          "weird key": { "x": 1 },
          "a": { "b": { "c": { "d": "deep" } } },
          "matrix": [[1, 2], [3, 4]]
        }
        """);

    [Theory]
    [InlineData("[BODY].status == UP", "UP")]
    [InlineData("[BODY].data.count == 2", "2")]
    [InlineData("[BODY].data.items[1].name == b", "b")]
    [InlineData("[BODY].data.items[0].id == 1", "1")]
    [InlineData("[BODY].a.b.c.d == deep", "deep")]
    [InlineData("[BODY].matrix[1][0] == 3", "3")]
    [InlineData("[BODY][\"weird key\"].x == 1", "1")]
    [InlineData("[BODY].data.ratio < 1", "0.75")]
    [InlineData("[BODY].dec == 1.5", "1.50")]
    public void Nested_objects_and_arrays(string condition, string actual) => True(condition, Doc, actual);

    [Theory]
    [InlineData("[BODY].data.items[2].id == 3", "(path data.items[2].id not found)")]
    [InlineData("[BODY].data.items[99] == 3", "(path data.items[99] not found)")]
    [InlineData("[BODY].data.missing == x", "(path data.missing not found)")]
    [InlineData("[BODY].data[0] == x", "(path data[0] not found)")]
    [InlineData("[BODY].data.items.id == 1", "(path data.items.id not found)")]
    [InlineData("[BODY].status.inner == x", "(path status.inner not found)")]
    [InlineData("[BODY].Status == UP", "(path Status not found)")]
    public void Missing_paths_are_false(string condition, string actual)
    {
        False(condition, Doc, actual);
        // != is not a way around it: a missing value is never "different".
        False(condition.Replace("==", "!="), Doc, actual);
    }

    [Fact]
    public void Array_at_the_root()
    {
        var facts = Json("""[ { "x": "first" }, { "x": "second" } ]""");
        True("[BODY][0].x == first", facts, "first");
        True("[BODY][1].x == second", facts);
        False("[BODY][2].x == third", facts, "(path [2].x not found)");
        False("[BODY].x == first", facts, "(path x not found)");
        True("len([BODY]) == 39", facts);
    }

    [Theory]
    [InlineData("[BODY].n == 1", true, "1")]
    [InlineData("[BODY].n == 1.0", true, "1")]
    [InlineData("[BODY].n == \"1\"", true, "1")]
    [InlineData("[BODY].n > 0", true, "1")]
    [InlineData("[BODY].n < 1", false, "1")]
    [InlineData("[BODY].s == 1", true, "1")]           // text "1" equals the literal's text
    [InlineData("[BODY].s == 1.0", false, "1")]        // ...exactly: text is not a number
    [InlineData("[BODY].s == \"1\"", true, "1")]
    [InlineData("[BODY].s > 0", false, "1 (text, not a number)")]
    [InlineData("[BODY].status > 0", false, "UP (text, not a number)")]
    public void Numbers_versus_strings(string condition, bool ok, string actual)
    {
        var r = Eval(condition, Doc);
        Assert.Equal(ok, r.Ok);
        Assert.Equal(actual, r.Actual);
    }

    [Theory]
    [InlineData("[BODY].flag == true", true, "true")]
    [InlineData("[BODY].flag == TRUE", true, "true")]
    [InlineData("[BODY].flag == false", false, "true")]
    [InlineData("[BODY].flag != false", true, "true")]
    [InlineData("[BODY].off == false", true, "false")]
    [InlineData("[BODY].flag == yes", false, "true")]
    [InlineData("[BODY].flag > 0", false, "true (a boolean, not a number)")]
    public void Booleans(string condition, bool ok, string actual)
    {
        var r = Eval(condition, Doc);
        Assert.Equal(ok, r.Ok);
        Assert.Equal(actual, r.Actual);
    }

    [Theory]
    [InlineData("[BODY].nothing == null", true, "null")]
    [InlineData("[BODY].nothing != null", false, "null")]
    [InlineData("[BODY].nothing == x", false, "null")]
    [InlineData("[BODY].status != null", true, "UP")]
    [InlineData("[BODY].nothing > 1", false, "null (null, not a number)")]
    [InlineData("has([BODY].nothing) == false", true, "false")]
    public void Json_null(string condition, bool ok, string actual)
    {
        var r = Eval(condition, Doc);
        Assert.Equal(ok, r.Ok);
        Assert.Equal(actual, r.Actual);
    }

    [Fact]
    public void Objects_and_arrays_compare_as_their_json_text()
    {
        True("[BODY].obj == \"{}\"", Doc, "{}");
        False("[BODY].empty == x", Doc, "[]");
        False("[BODY].matrix > 0", Doc, "[[1, 2], [3, 4]] (JSON array, not a number)");
        False("[BODY].obj >= 0", Doc, "{} (JSON object, not a number)");
    }

    [Fact]
    public void Body_that_is_not_json()
    {
        var html = Http(body: "<html>down for maintenance</html>");
        False("[BODY].status == UP", html, "(body is not JSON)");
        False("[BODY][0] == UP", html, "(body is not JSON)");
        False("len([BODY].data) > 0", html, "(body is not JSON)");
        True("[BODY] == pat(*maintenance*)", html); // the whole body is still text
        False("[BODY].status == UP", Http(body: """{"status": "UP" """), "(body is not JSON)"); // truncated JSON
    }

    [Fact]
    public void No_body() => False("[BODY].status == UP", Http(body: null), "(no body)");

    [Fact]
    public void Long_values_are_cut_to_200_characters()
    {
        var long500 = new string('x', 500);
        var r = Eval("[BODY].long == y", Json($$"""{"long": "{{long500}}"}"""));
        Assert.False(r.Ok);
        Assert.Equal(200, r.Actual!.Length);
        Assert.Equal(new string('x', 199) + "…", r.Actual);

        var text = Eval("[BODY].long > 1", Json($$"""{"long": "{{long500}}"}"""));
        Assert.Equal(200, text.Actual!.Length);
        Assert.EndsWith("… (text, not a number)", text.Actual);

        Assert.Equal(200, Eval("[BODY] == y", Http(body: long500)).Actual!.Length);
    }

    [Fact]
    public void Many_paths_in_one_evaluation_share_one_parse()
    {
        // Not observable directly; this pins that many body conditions over a large document stay correct together.
        var items = string.Join(",", Enumerable.Range(0, 2000).Select(i => $$"""{"id":{{i}},"name":"n{{i}}"}"""));
        var facts = Json($$"""{"items":[{{items}}]}""");
        var conditions = Enumerable.Range(0, 200).Select(i => $"[BODY].items[{i * 10}].name == n{i * 10}").ToList();
        var results = Core.Conditions.ConditionSet.Parse(conditions).Evaluate(facts);
        Assert.All(results, r => Assert.True(r.Ok, r.Condition + " → " + r.Actual));
    }
}
