using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>
/// Where on site the problem is: a floor, a room, a desk, a warehouse (「5楼」, 「3F-02会议室」, "meeting room 4B",
/// "desk 14", "of the 4th floor", 「五楼」, 「仓库那边」). For a network that is what an engineer needs first, as "what were you doing?" is for an
/// application: the access point or the wall port is found by the place. "At home" is no such place.
/// </summary>
internal static partial class PlaceReader
{
    [GeneratedRegex(@"(?<![A-Za-z])(?:(?:on|of)\s{1,3}(?:the\s{1,3})?(?:(?:whole|entire)\s{1,3})?(?:\d{1,3}(?:st|nd|rd|th)\s{1,3}floor|floor\s{1,3}\d{1,3})|\d{1,2}F(?![A-Za-z])|(?:meeting|conference|training)\s{1,3}rooms?|room\s{1,3}[A-Z0-9][\w-]{0,10}|desk\s{0,3}#?\d{1,4}|(?:in|at)\s{1,3}(?:the\s{1,3})?(?:[A-Z][a-z]{2,20}\s{1,3})?(?:office|warehouse|canteen|cafeteria|lobby|reception|branch|store|plant|factory|building|lab))|(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s{0,2}(?:楼|层)|会议室|仓库|车间|办公室|前台|大厅|门店|工位|食堂|部门", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    public static string? Read(TextScan scan) => Place().Match(scan.Text) is { Success: true } place ? place.Value.Trim() : null;
}
