using System.Text;
using FleetOps.Core.Results;
using FleetOps.Probing.Prometheus;

namespace FleetOps.Probing.Tests.Prometheus;

public sealed class PrometheusAnswerTests
{
    private static QueryAnswer Parse(string json) => PrometheusAnswer.Parse(Encoding.UTF8.GetBytes(json), "Prometheus http://p:9090");

    [Fact]
    public void A_vector_gives_every_sample_value_including_NaN_and_infinities()
    {
        var answer = Parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"node":"a"},"value":[1700000000.1,"0.25"]},
              {"metric":{"node":"b"},"value":[1700000000.1,"NaN"]},
              {"metric":{},"value":[1700000000.1,"+Inf"]},
              {"metric":{},"value":[1700000000.1,"-Inf"]},
              {"metric":{},"value":[1700000000.1,"1e-3"]}]}}
            """);
        Assert.Null(answer.Error);
        Assert.Equal([0.25, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.001], answer.Samples);
    }

    [Fact]
    public void A_scalar_and_an_empty_vector_read()
    {
        Assert.Equal([3.0], Parse("""{"status":"success","data":{"resultType":"scalar","result":[1.5,"3"]}}""").Samples);
        var empty = Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        Assert.Null(empty.Error);
        Assert.Empty(empty.Samples);
    }

    [Theory]
    [InlineData("""{"status":"error","errorType":"bad_data","error":"parse error at char 5"}""", "bad_data: parse error at char 5", false)]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[]}}""", "the result is a matrix", false)]
    [InlineData("""{"status":"success","data":{"resultType":"string","result":[1,"x"]}}""", "the result is a string", false)]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}""", "a sample without a value", true)]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"abc"]}]}}""", "a sample without a value", true)]
    [InlineData("""{"status":"success"}""", "no data.result", true)]
    [InlineData("""<html>gateway</html>""", "is not a Prometheus query result", true)]
    [InlineData("""[1,2]""", "an error", false)]
    public void Anything_else_is_an_error_with_its_class(string json, string message, bool transient)
    {
        var answer = Parse(json);
        Assert.Empty(answer.Samples);
        Assert.NotNull(answer.Error);
        Assert.Contains(message, answer.Error.Message);
        Assert.StartsWith("Prometheus http://p:9090: ", answer.Error.Message);
        Assert.Equal(transient, answer.Error.Transient);
    }

    [Fact]
    public void Too_many_samples_are_refused_rather_than_read()
    {
        var samples = string.Join(",", Enumerable.Repeat("""{"value":[1,"1"]}""", PrometheusAnswer.MaxSamples + 1));
        var answer = Parse("""{"status":"success","data":{"resultType":"vector","result":[""" + samples + "]}}");
        Assert.Contains("aggregate the query", answer.Error!.Message);
        Assert.False(answer.Error.Transient);
    }
}
