using SupportBot.Describing;
using SupportBot.Tickets.Routing;

namespace SupportBot.Intake;

/// <summary>
/// Suggests the ticket category: what the reporter asks for (a request, how to do something, a permission)
/// decides first; otherwise the category of the system they named; otherwise "other". The reporter confirms.
/// </summary>
internal sealed class CategorySuggester(CategoryCatalog categories)
{
    private static readonly (string Category, string[] Words)[] Cues =
    [
        ("permission", ["need access to", "give me access", "grant access", "权限", "没有权限", "无权限", "access denied", "permission", "not authorized", "unauthorized", "forbidden", "拒绝访问"]),
        ("howto", ["怎么", "如何", "怎样", "how do i", "how to", "how can i", "where do i", "在哪里"]),
        ("request", ["申请", "开通", "新增账号", "需要一个", "想要一个", "please create", "request a", "i need a new", "new account", "install a new", "reset my password", "reset the password", "unlock my account", "重置密码"]),
        ("consultation", ["咨询", "请问", "想了解", "question about", "i'd like to know", "is it possible"]),
    ];

    public string Suggest(string text, DescriptionAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        var lower = text.ToLowerInvariant();
        foreach (var (category, words) in Cues)
        {
            if (categories.Contains(category) && words.Any(word => lower.Contains(word, StringComparison.Ordinal)))
            {
                return category;
            }
        }

        if (analysis.CatalogueSystem?.Category is { } systemCategory && categories.Contains(systemCategory))
        {
            return systemCategory;
        }

        return categories.Contains("other") ? "other" : categories.All.First().Key;
    }
}
