using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SupportBot.Tests.Describing;

/// <summary>POST /api/descriptions/analyze over real HTTP: the contract's shape, and every refusal as problem+json.</summary>
public sealed class DescriptionsApiTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new(new Dictionary<string, string?>
    {
        ["Describing:Systems:0:Name"] = "Atlas",
        ["Describing:Systems:0:Kind"] = "Application",
        ["Describing:Systems:0:Aliases:0"] = "Atlas",
        ["Describing:Systems:0:Aliases:1"] = "阿特拉斯",
        ["Describing:Systems:0:Names:en-US"] = "Atlas",
        ["Describing:Systems:0:Names:zh-CN"] = "Atlas门户",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Answers_the_contract_with_exactly_its_fields_and_every_slot_present()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new { text = "系统不好用", locale = "zh-CN" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["specific", "slots", "missing", "question", "description"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(body.RootElement.GetProperty("specific").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("description").ValueKind);
        Assert.Equal(["system", "action", "symptom", "errorCode"], body.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        var slots = body.RootElement.GetProperty("slots");
        Assert.All(["system", "action", "element", "symptom", "errorCode"], slot => Assert.Equal(JsonValueKind.Null, slots.GetProperty(slot).ValueKind));
    }

    [Fact]
    public async Task Applies_the_answers_and_composes_the_description()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new
        {
            text = "network issue",
            locale = "en-US",
            answers = new { system = "Wi-Fi", action = "joining a Teams call in meeting room 4", symptom = "the connection drops every few minutes", errorCode = "none" },
        });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("specific").GetBoolean());
        Assert.Equal(
            "When joining a Teams call in meeting room 4 over the Wi-Fi, the connection drops every few minutes; no error code shown.",
            body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Systems_added_in_configuration_are_recognised_in_both_languages()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new { text = "阿特拉斯登录时白屏", locale = "zh-CN" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Atlas", body.GetProperty("slots").GetProperty("system").GetString());
        Assert.StartsWith("Atlas门户", body.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":""}""", "text")]
    [InlineData("""{"locale":"zh-CN"}""", "text")]
    [InlineData("""{"text":"打印机卡纸","locale":"fr-FR"}""", "locale")]
    [InlineData("""{"text":"打印机卡纸","colour":"red"}""", "colour")]
    [InlineData("""{"text":"打印机卡纸","answers":{"system":42}}""", "answers.system")]
    [InlineData("""{"text": "打印机卡纸",""", "not valid JSON")]
    public async Task Bad_requests_get_a_problem_that_names_what_is_wrong(string json, string named)
    {
        using var response = await PostRawAsync(json, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_4000_characters_is_refused_with_the_limit()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new { text = new string('慢', 4001), locale = "zh-CN" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_of_exactly_4000_characters_is_analysed()
    {
        var text = "ERP生成月结报表特别慢。" + new string('x', 4000 - 13);
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new { text, locale = "zh-CN" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ERP", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").GetProperty("system").GetString());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_parsed()
    {
        using var response = await PostRawAsync($$"""{"text":"{{new string('a', 70_000)}}"}""", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        using var response = await PostRawAsync("text=打印机卡纸", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_locale_the_language_of_the_text_is_used()
    {
        using var response = await _app.CreateClient().PostAsJsonAsync("/api/descriptions/analyze", new { text = "系统不好用" });

        Assert.Contains("哪个系统", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("question").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body, string mediaType)
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        return await _app.CreateClient().PostAsync(new Uri("/api/descriptions/analyze", UriKind.Relative), content);
    }
}
