using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;

namespace SupportBot.Tests.Knowledge;

/// <summary>Administrators import, search and export the knowledge base over HTTP, under the admin key.</summary>
public sealed class KnowledgeApiTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Chinese_text_is_searched_by_words_and_the_same_error_code_on_the_same_system_comes_first()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);

        var e2048 = await SearchAsync(admin, "OA系统打印审批单时报错E2048", "zh-CN");
        var e1024 = await SearchAsync(admin, "oa 打印 报错 e1024", "zh-CN");

        Assert.Equal("OA 打印报错 E2048", e2048[0].GetProperty("title").GetString());
        Assert.Equal("OA 打印报错 E1024", e1024[0].GetProperty("title").GetString());
        Assert.Equal("oa", e1024[0].GetProperty("system").GetString());
        Assert.True(e1024[0].GetProperty("confidence").GetDouble() > e1024[1].GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task A_word_is_found_inside_a_longer_chinese_word_and_single_characters_do_not_match()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);

        // "乱码" is one word of "打印出来全是乱码"; "码" alone is no word of any article, although E1024's has the character.
        Assert.Equal("打印机打印出来全是乱码", Titles(await SearchAsync(admin, "乱码", "zh-CN"))[0]);
        Assert.Empty(await SearchAsync(admin, "码", "zh-CN"));
    }

    [Fact]
    public async Task English_and_mixed_queries_find_english_articles_by_stemmed_words()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);

        Assert.Equal("CRM customer list loads slowly", Titles(await SearchAsync(admin, "customer lists loading slow in CRM", "en-US"))[0]);
        Assert.Equal("VPN connects but shared drives are unreachable", Titles(await SearchAsync(admin, "连上VPN以后 shared drive 打不开"))[0]);
    }

    [Fact]
    public async Task An_import_with_bad_lines_imports_nothing_and_names_every_bad_line()
    {
        var admin = _app.CreateAdminClient();
        string[] file = [Lines[0], "{not json", Lines[1], """{"title":"no solution","problem":"p","language":"zh-CN"}""", """{"title":"t","problem":"p","solution":"s","language":"fr-FR"}"""];
        using var content = new StringContent(string.Join('\n', file), Encoding.UTF8, "application/x-ndjson");

        var response = await admin.PostAsync(new Uri("/api/kb/import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([2, 4, 5], problem.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("line").GetInt32()));
        Assert.Empty(await SearchAsync(admin, "OA 打印"));
        Assert.Equal("", await admin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative)));
    }

    [Fact]
    public async Task An_export_is_json_lines_that_import_again_into_an_empty_knowledge_base_with_the_same_texts()
    {
        var admin = _app.CreateAdminClient();
        var imported = await ImportAsync(admin, Lines);

        var export = await admin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative));
        var exported = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(imported.GetProperty("ids").EnumerateArray().Select(id => id.GetString()), exported.Select(line => line.GetProperty("id").GetString()));
        Assert.Equal(["KB-000001", "KB-000002", "KB-000003", "KB-000004", "KB-000005"], exported.Select(line => line.GetProperty("id").GetString()));
        await using var other = new SupportBotApplication();
        var otherAdmin = other.CreateAdminClient();
        await ImportAsync(otherAdmin, export.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(export, await otherAdmin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative)));
    }

    [Fact]
    public async Task A_scope_is_imported_shown_on_the_article_and_exported_and_a_line_without_one_still_imports()
    {
        var admin = _app.CreateAdminClient();
        const string Scoped = """{"title":"OA 打印报错 E1024","problem":"在OA系统中打印审批单时提示错误代码E1024,打印失败","cause":"打印服务的证书过期","solution":"在打印服务器上更新证书后重启打印服务","system":"OA","category":"software","scope":"三楼所有从OA打印审批单的人","language":"zh-CN"}""";

        // The second line is from before articles had a scope.
        await ImportAsync(admin, [Scoped, Lines[3]]);

        var article = await admin.GetFromJsonAsync<JsonElement>("/api/kb/articles/KB-000001");
        Assert.Equal("三楼所有从OA打印审批单的人", article.GetProperty("text").GetProperty("scope").GetString());
        var exported = (await admin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("三楼所有从OA打印审批单的人", exported[0].GetProperty("scope").GetString());
        Assert.False(exported[1].TryGetProperty("scope", out _));
        Assert.Equal("CRM customer list loads slowly", exported[1].GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_edit_keeps_the_old_text_in_the_history_is_searchable_at_once_and_a_stale_edit_is_refused()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);
        const string edit = """{"version":1,"by":"郑丽 Zheng Li","title":"OA 审批单打印报错 E1024(证书)","problem":"在OA系统中打印审批单时提示错误代码E1024","cause":"打印服务证书过期","solution":"续期证书,重启打印服务,再打印一次","system":"OA","language":"zh-CN"}""";

        using var first = new StringContent(edit, Encoding.UTF8, "application/json");
        var saved = await (await admin.PutAsync(new Uri("/api/kb/articles/KB-000001", UriKind.Relative), first)).Content.ReadFromJsonAsync<JsonElement>();
        using var again = new StringContent(edit, Encoding.UTF8, "application/json");
        var stale = await admin.PutAsync(new Uri("/api/kb/articles/KB-000001", UriKind.Relative), again);

        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        var revision = Assert.Single(saved.GetProperty("history").EnumerateArray());
        Assert.Equal((1, "OA 打印报错 E1024", "郑丽 Zheng Li"), (revision.GetProperty("version").GetInt32(), revision.GetProperty("text").GetProperty("title").GetString(), revision.GetProperty("by").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("OA 审批单打印报错 E1024(证书)", Titles(await SearchAsync(admin, "OA 打印 E1024", "zh-CN"))[0]);
        Assert.Equal(5, (await admin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("/api/kb/search")]
    [InlineData("/api/kb/search?q=")]
    [InlineData("/api/kb/search?q=x&locale=fr-FR")]
    [InlineData("/api/kb/search?q=x&top=0")]
    [InlineData("/api/kb/search?q=x&top=21")]
    public async Task A_bad_search_is_a_400_problem(string url)
    {
        var response = await _app.CreateAdminClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/kb/search?q=OA")]
    [InlineData("/api/kb/export")]
    public async Task Without_the_admin_key_the_knowledge_base_is_not_readable(string url)
    {
        await ImportAsync(_app.CreateAdminClient(), Lines);

        var response = await _app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("E1024", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
