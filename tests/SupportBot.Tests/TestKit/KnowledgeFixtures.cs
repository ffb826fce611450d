using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SupportBot.Tests.TestKit;

/// <summary>A small knowledge base in both languages, and the admin calls that import and search it.</summary>
internal static class KnowledgeFixtures
{
    /// <summary>Two OA printing articles that share their words and differ in error code, plus neighbours in both languages.</summary>
    public static readonly string[] Lines =
    [
        """{"title":"OA 打印报错 E1024","problem":"在OA系统中打印审批单时提示错误代码E1024,打印失败","cause":"打印服务的证书过期","solution":"在打印服务器上更新证书后重启打印服务","system":"OA","category":"software","language":"zh-CN","tags":["打印","证书"]}""",
        """{"title":"OA 打印报错 E2048","problem":"在OA系统中打印审批单时提示错误代码E2048,打印失败","cause":"打印模板损坏","solution":"重新上传审批单打印模板","system":"OA","category":"software","language":"zh-CN","tags":["打印","模板"]}""",
        """{"title":"打印机打印出来全是乱码","problem":"办公室打印机打印任何文件出来都是乱码","cause":"驱动版本与打印机固件不匹配","solution":"卸载旧驱动,安装厂商最新驱动","category":"hardware","language":"zh-CN","tags":["打印机","驱动"]}""",
        """{"title":"CRM customer list loads slowly","problem":"Opening the customer list in CRM takes more than a minute","cause":"Missing index on the customer table","solution":"Add the index and rebuild statistics","system":"CRM","category":"software","language":"en-US","tags":["performance"]}""",
        """{"title":"VPN connects but shared drives are unreachable","problem":"After connecting to the VPN, the shared drive cannot be opened","cause":"Split tunnelling excluded the file server subnet","solution":"Add the file server subnet to the VPN profile","category":"network","language":"en-US","tags":["vpn","network"]}""",
    ];

    public static async Task<JsonElement> ImportAsync(HttpClient admin, IEnumerable<string> lines)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        var response = await admin.PostAsync(new Uri("/api/kb/import", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<IReadOnlyList<JsonElement>> SearchAsync(HttpClient admin, string query, string? locale = null, int top = 5)
    {
        var url = $"/api/kb/search?q={Uri.EscapeDataString(query)}&top={top}" + (locale is null ? "" : $"&locale={locale}");
        var found = await admin.GetFromJsonAsync<JsonElement>(url);
        return [.. found.EnumerateArray()];
    }

    public static IReadOnlyList<string> Titles(IEnumerable<JsonElement> hits) => [.. hits.Select(hit => hit.GetProperty("title").GetString()!)];
}
