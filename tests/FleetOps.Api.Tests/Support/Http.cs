using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FleetOps.Api.Tests.Support;

/// <summary>Requests as the hosts hand them to the handlers, and the handlers' answers read back.</summary>
public static class Http
{
    public static HttpRequest Request(string method, string path, string? body = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (query is not null) context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }
        return context.Request;
    }

    public static async Task<(int Status, JsonNode? Body)> ReadAsync(ApiResponse response)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await response.ExecuteAsync(context);
        var text = Encoding.UTF8.GetString(body.ToArray());
        return (response.Status, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
