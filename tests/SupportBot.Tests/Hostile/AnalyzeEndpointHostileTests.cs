using System.Net;
using System.Text;

namespace SupportBot.Tests.Hostile;

/// <summary><c>POST /api/descriptions/analyze</c> (anonymous) with every hostile input in every field, and with bodies that are not requests.</summary>
public sealed class AnalyzeEndpointHostileTests(HostileApp host) : IClassFixture<HostileApp>
{
    private static readonly string[] Fields = ["text", "locale", "system", "action", "element", "symptom", "errorCode"];

    public static TheoryData<string, string> EveryInputInEveryField() => HostileInputs.Cross(Fields, HostileInputs.Texts.Keys);

    [Theory]
    [MemberData(nameof(EveryInputInEveryField))]
    public async Task AnyInputInAnyField_IsAnsweredOrRefusedNeverAServerError(string field, string input)
    {
        var text = HostileInputs.Texts[input];
        var value = HostileInputs.JsonString(text);
        var body = field switch
        {
            "text" => $"{{\"text\":{value},\"locale\":\"en-US\"}}",
            "locale" => $"{{\"text\":\"OA login fails\",\"locale\":{value}}}",
            _ => $"{{\"text\":\"OA login fails\",\"answers\":{{\"{field}\":{value}}}}}",
        };

        using var response = await PostAsync(body);

        // JSON cannot carry a lone surrogate (System.Text.Json refuses it), the body is capped at 64 KB, the text
        // at 4,000 characters and the locale to those supported: each of those is a 400 or 413, anything else a 200.
        var expected = body.Length > 64 * 1024 ? HttpStatusCode.RequestEntityTooLarge
            : input.StartsWith("lone", StringComparison.Ordinal) ? HttpStatusCode.BadRequest
            : field == "text" && (text.Trim().Length == 0 || text.Length > 4000) ? HttpStatusCode.BadRequest
            : field == "locale" ? HttpStatusCode.BadRequest
            : HttpStatusCode.OK;
        Assert.True(response.StatusCode == expected, $"{field} = {input}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await host.AssertAliveAsync();
    }

    public static TheoryData<string> NotRequests() =>
    [
        "", "{", "}", "[]", "null", "42", "\"text\"", "{\"text\":}", "{\"text\":\"a\"", "{'text':'a'}", "{\"text\":\"a\",}",
        "{\"text\":5}", "{\"text\":true}", "{\"text\":[\"a\"]}", "{\"text\":{\"a\":1}}", "{\"text\":null}",
        "{\"text\":\"a\",\"locale\":5}", "{\"text\":\"a\",\"answers\":5}", "{\"text\":\"a\",\"answers\":[]}", "{\"text\":\"a\",\"answers\":{\"system\":7}}",
        "{\"text\":\"a\",\"answers\":{\"unknown\":\"x\"}}", "{\"text\":\"a\",\"admin\":true}",
        "{\"text\":1e999999}", "{\"text\":\"\\ud800\"}", "{\"text\":\"\\udc00x\"}",
        "{\"text\":\"a\",\"answers\":" + HostileInputs.Nested(100) + "}", "{\"text\":" + HostileInputs.Nested(10_000) + "}",
        "{\"text\":\"a\",\"answers\":{\"system\":" + HostileInputs.Nested(60) + "}}",
    ];

    [Theory]
    [MemberData(nameof(NotRequests))]
    public async Task ABodyThatIsNotARequest_Is400NamingTheProblem(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        using var content = new ByteArrayContent([.. "{\"text\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await host.App.CreateClient().PostAsync("/api/descriptions/analyze", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task ABodyOfAnotherType_Is415(string contentType)
    {
        using var content = new StringContent("text=hello", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.App.CreateClient().PostAsync("/api/descriptions/analyze", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string json) =>
        await host.App.CreateClient().PostAsync("/api/descriptions/analyze", new StringContent(json, Encoding.UTF8, "application/json"));
}
