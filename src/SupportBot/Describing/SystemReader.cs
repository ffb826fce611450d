using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>The system a text is about: a catalogue entry, or a name the reporter introduced.</summary>
internal sealed record SystemMention(string Name, SystemEntry? Entry, int Start, int End);

/// <summary>
/// Reads the system: the first catalogue alias, except that a device gives way to a later non-device
/// ("Outlook on my laptop" is about Outlook, "VPN on my laptop" about the VPN); failing that, a name the
/// reporter introduces ("the Atlas portal", 「报修平台」); failing that, a one-letter typo of a long alias.
/// </summary>
internal static partial class SystemReader
{
    // Tried only where a word starts, with bounded words and gaps: each attempt costs a constant, so a text costs
    // its length (an unbounded word was retried from every capital letter of "AAAA…", quadratic).
    [GeneratedRegex(@"(?<![\w&+.-])(?<name>(?:[A-Z][\w&+.-]{0,39}\s{1,3}){0,2}[A-Z][\w&+.-]{0,39})\s{1,3}(?<suffix>portal|system|platform|site|website|app|application|tool|[Hh]ub)(?![A-Za-z])")]
    private static partial Regex EnglishNamed();

    // A customer names the vendor's site in lower case after "your": "your ordering website", "your tracking page".
    [GeneratedRegex(@"(?<![A-Za-z])(?:[Yy]our|[Oo]ur)\s{1,3}(?<name>(?:[a-z][a-z-]{1,20}\s{1,3})?[a-z][a-z-]{1,20})\s{1,3}(?<suffix>portal|website|site|page|store|app|hub)(?![A-Za-z])")]
    private static partial Regex PossessiveNamed();

    // A network drive by its letter: "the S: drive", "S drive", "mapped Z: drive". C: and D: are the computer's own disks,
    // and "I drive" is a person driving.
    // A UNC path (\\fs01\finance) is a share on a file server whoever's computer opens it, whatever its folders are called.
    [GeneratedRegex(@"(?<![A-Za-z])(?:[E-Z]:\s?|[E-HJ-Z]\s)(?i:drive)(?![A-Za-z])|(?<![\w\\])\\\\[A-Za-z0-9._-]{2,40}(?:\\[^\s\\,，。]{1,40}){1,6}", RegexOptions.CultureInvariant)]
    private static partial Regex DriveLetter();

    [GeneratedRegex(@"[a-z][a-z-]{3,}")]
    private static partial Regex LatinWord();

    /// <summary>
    /// The catalogue first, unless a product is named before it ("飞书里群文件下载失败,换了手机热点也一样" is about 飞书);
    /// a system the reporter introduces ("our Atlas portal") before a product they merely use ("in Chrome").
    /// </summary>
    /// <param name="scan">The text, scanned.</param>
    /// <param name="problemAt">Where the symptom or error starts, when known: the device just before it is its subject.</param>
    /// <param name="computerFault">The symptom is one only a computer has (a crash, a blue screen, no power): it keeps the computer.</param>
    public static SystemMention? Read(TextScan scan, int? problemAt = null, bool computerFault = false) =>
        (Known(scan, problemAt, computerFault), Product(scan)) switch
        {
            ({ } known, _) when Drive(scan) is { } drive && (known.Entry is { GeneralPurpose: true } || (drive.Start <= known.Start && known.Start < drive.End)) => drive,
            ({ } known, { } product) => product.Start < known.Start ? product : known,
            ({ } known, null) => known,
            (null, var product) => Introduced(scan) ?? product ?? MisspeltAlias(scan) ?? Drive(scan) ?? Quoted(scan),
        };

    private static SystemMention? Drive(TextScan scan) =>
        DriveLetter().Match(scan.Text) is { Success: true } drive && scan.Lexicon.Catalogue.Find("File share") is { } share
            ? new SystemMention(share.Name, share, drive.Index, drive.Index + drive.Length)
            : null;

    private static SystemMention? Quoted(TextScan scan) =>
        scan.QuotedSystems.Select(match => scan.Lexicon.Catalogue.Entries[match.Entry] is var entry ? new SystemMention(entry.Name, entry, match.Start, match.End) : null).FirstOrDefault();

    /// <summary>A product the catalogue does not know, named as the reporter wrote it.</summary>
    private static SystemMention? Product(TextScan scan) =>
        scan.Of(PhraseKind.Product)
            .Where(match => !CommonWords.Contains(scan.Lower.Substring(match.Start, match.Length)) || char.IsUpper(scan.Text[match.Start]))
            .Select(match => new SystemMention(scan.Text.Substring(match.Start, match.Length), null, match.Start, match.End))
            .FirstOrDefault();

    /// <summary>Product names that are also everyday words ("the edge of the screen"): only capitalised do they name the product.</summary>
    private static readonly HashSet<string> CommonWords = ["edge", "lark", "zoom", "windows", "safari", "chrome", "slack"];

    private static SystemMention? Known(TextScan scan, int? problemAt, bool computerFault)
    {
        SystemMention? chosen = null;
        foreach (var match in scan.Of(PhraseKind.System))
        {
            if (IsNotTheSystem(scan, match))
            {
                continue;
            }

            var entry = scan.Lexicon.Catalogue.Entries[match.Entry];
            if (chosen is null)
            {
                chosen = new SystemMention(entry.Name, entry, match.Start, match.End);
            }
            else if (chosen.Entry!.Kind == SystemKind.Device && entry.Kind != SystemKind.Device && !Coordinated(scan, chosen, match)
                && (entry.Kind is SystemKind.Network or SystemKind.Account || IsLocative(scan, chosen)))
            {
                return new SystemMention(entry.Name, entry, match.Start, match.End);
            }
            else if (chosen.Entry!.GeneralPurpose && entry is { Kind: SystemKind.Device, GeneralPurpose: false } && !computerFault)
            {
                // 「我电脑连不上打印机了」, "my laptop won't show anything on the projector": the computer is where the reporter
                // works; the device it reaches is what an engineer goes to. 「电脑接显示器就蓝屏」 is still the computer's.
                return new SystemMention(entry.Name, entry, match.Start, match.End);
            }
            else if (IsSubjectAfterInstrument(scan, chosen, entry, match, problemAt))
            {
                return new SystemMention(entry.Name, entry, match.Start, match.End);
            }
        }

        return chosen;
    }

    /// <summary>「电脑和网络都不太行」, "the laptop and the VPN": two systems named together; the first is the report's.</summary>
    private static bool Coordinated(TextScan scan, SystemMention first, PhraseMatch second) =>
        second.Start > first.End && Conjunctions.Contains(scan.Lower[first.End..second.Start].Trim());

    private static readonly HashSet<string> Conjunctions = ["和", "与", "跟", "及", "以及", "还有", "and", "and the", "and my", "&", "/"];

    /// <summary>
    /// "我家网络是好的", "the VPN is fine": a system the reporter says works is what they ruled out, not what broke.
    /// "财务部" is the reporter's department and "财务室" a room, not the finance system; "out-of-office" and "the office move" are no Office,
    /// which people capitalise; a customer's "account no." and "the customer account page" are no sign-in account; 「给我回个电话」 and "call me on my phone"
    /// ask for a call back, they report no phone.
    /// </summary>
    private static bool IsNotTheSystem(TextScan scan, PhraseMatch match) =>
        SaidToWork(scan, match.End)
        || scan.Matches.Any(vague => vague.Kind == PhraseKind.VagueVerb && vague.Start <= match.Start && vague.End >= match.End)
        || (match.End < scan.Text.Length && scan.Text[match.End] is '部' or '组' or '科' or '处' or '室' && TextScan.IsHan(scan.Text[match.End - 1]))
        || (scan.Lower.AsSpan(match.Start, match.Length) is "office" && scan.Text[match.Start] == 'o')
        || (scan.Lower.AsSpan(match.Start, match.Length) is "account" && scan.Lower.AsSpan(match.End).TrimStart() is var rest && (rest.StartsWith("no") || rest.StartsWith("#") || rest.StartsWith("number")))
        || (scan.Lexicon.Catalogue.Entries[match.Entry].Kind == SystemKind.Account && RecordOwners.Any(owner => scan.Lower.AsSpan(0, match.Start).TrimEnd().EndsWith(owner, StringComparison.Ordinal)));

    // "the customer account page in CRM", 「客户账户」: a customer's or supplier's account is a record in an application, not a sign-in.
    private static readonly string[] RecordOwners = ["customer", "client", "vendor", "supplier", "客户", "供应商"];

    private static bool SaidToWork(TextScan scan, int end)
    {
        var after = scan.Lower.AsSpan(end).TrimStart();
        foreach (var fine in WorksFine)
        {
            if (after.StartsWith(fine, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] WorksFine = ["是好的", "没问题", "没有问题", "都正常", "正常的", "is fine", "works fine", "is working fine", "are fine", "is ok", "is okay"];

    /// <summary>
    /// 「用Word打印的时候,打印机屏幕上显示错误代码E-302」, 「PPT放映的时候投影仪没画面」: the application was what the reporter
    /// used; the device named just before the symptom is what shows it, and what an engineer goes to. A device that is
    /// only where it happened ("on my laptop", 「电脑上」) does not take over.
    /// </summary>
    private static bool IsSubjectAfterInstrument(TextScan scan, SystemMention chosen, SystemEntry entry, PhraseMatch device, int? problemAt)
    {
        const int MaxSubjectGap = 6;
        return chosen.Entry!.Kind == SystemKind.Application && entry.Kind == SystemKind.Device && !entry.GeneralPurpose
            && problemAt is { } at && device.End <= at && at - device.End <= MaxSubjectGap
            && !scan.Text[device.End..at].Any(TextScan.IsClausePunctuation)
            && !IsLocative(scan, new SystemMention(entry.Name, entry, device.Start, device.End));
    }

    /// <summary>"电脑上", "on my laptop", "打开电脑": the device is where it happened or what was used, not what broke.</summary>
    private static bool IsLocative(TextScan scan, SystemMention device) =>
        (device.End < scan.Text.Length && scan.Text[device.End] is '上' or '里' or '中' or '装')
        || scan.EndingAt(PhraseKind.Verb, device.Start) is not null
        || Locative().IsMatch(scan.Lower[..device.Start]);

    [GeneratedRegex(@"(?:^|\s)(?:on|in|from|with)\s+(?:(?:my|the|a|our|new|old|company)\s+){0,2}$")]
    private static partial Regex Locative();

    private static SystemMention? Introduced(TextScan scan)
    {
        foreach (Match match in EnglishNamed().Matches(scan.Text))
        {
            var name = match.Groups["name"].Value;
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var kept = words.SkipWhile(word => scan.Lexicon.GenericSystemNames.Contains(word)).ToArray();
            if (kept.Length > 0 && !scan.InQuote(match.Index))
            {
                return new SystemMention(string.Join(' ', kept) + " " + match.Groups["suffix"].Value, null, match.Index, match.Index + match.Length);
            }
        }

        foreach (Match match in PossessiveNamed().Matches(scan.Text))
        {
            var words = match.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!words.Any(scan.Lexicon.GenericSystemNames.Contains) && !scan.InQuote(match.Index))
            {
                var start = match.Groups["name"].Index;
                return new SystemMention(string.Join(' ', words) + " " + match.Groups["suffix"].Value, null, start, match.Index + match.Length);
            }
        }

        foreach (var suffix in scan.Of(PhraseKind.UnknownSystemSuffix))
        {
            if (!TextScan.IsHan(scan.Text[suffix.Start]))
            {
                continue;
            }

            var start = NameStartBefore(scan, suffix.Start);
            var name = scan.Text[start..suffix.Start];
            if (name.Length >= 2 && !scan.Lexicon.GenericSystemNames.Contains(name))
            {
                return new SystemMention(name + scan.Text[suffix.Start..suffix.End], null, start, suffix.End);
            }
        }

        return null;
    }

    /// <summary>Walks back from a Chinese 系统/平台 over the name, stopping at a verb, particle or punctuation.</summary>
    private static int NameStartBefore(TextScan scan, int suffixStart)
    {
        var start = suffixStart;
        while (start > 0 && suffixStart - start < 8 && (TextScan.IsHan(scan.Text[start - 1]) || char.IsAsciiLetterOrDigit(scan.Text[start - 1])))
        {
            start--;
        }

        var window = scan.Text[start..suffixStart];
        var cut = 0;
        foreach (var boundary in scan.Lexicon.UnknownSystemBoundaries)
        {
            var at = window.LastIndexOf(boundary, StringComparison.Ordinal);
            if (at >= 0)
            {
                cut = Math.Max(cut, at + boundary.Length);
            }
        }

        start += cut;
        return start;
    }

    private static SystemMention? MisspeltAlias(TextScan scan)
    {
        // A word's nearest alias depends only on the word: each distinct word is compared with the catalogue once,
        // so a text of one word repeated costs its length, not its length times the catalogue.
        var aliasOf = new Dictionary<string, SystemEntry?>(StringComparer.Ordinal);
        foreach (Match word in LatinWord().Matches(scan.Lower))
        {
            // Inflected verbs are not typos, nor are words the lexicon knows ("printed" is not "printer").
            if (word.Value.EndsWith("ed", StringComparison.Ordinal) || word.Value.EndsWith("ing", StringComparison.Ordinal))
            {
                continue;
            }

            if (!aliasOf.TryGetValue(word.Value, out var entry))
            {
                entry = aliasOf[word.Value] = NearAlias(scan.Lexicon.Catalogue, word.Value);
            }

            if (entry is not null && !scan.Matches.Any(match => match.Overlaps(word.Index, word.Index + word.Length)))
            {
                return new SystemMention(entry.Name, entry, word.Index, word.Index + word.Length);
            }
        }

        return null;
    }

    private static SystemEntry? NearAlias(SystemsCatalogue catalogue, string word) =>
        catalogue.Entries.FirstOrDefault(entry => entry.Aliases.Any(alias =>
            LongEnoughForTypos(alias, word) && char.IsAsciiLetter(alias[0]) && WithinOneEdit(word, alias.ToLowerInvariant())));

    /// <summary>
    /// Six letters and more tolerate a typo anywhere; five ("exel" for Excel) only inside the word, since a word that
    /// merely lacks or adds a last letter is usually another word ("team" is no typo of Teams).
    /// </summary>
    private static bool LongEnoughForTypos(string alias, string word) =>
        alias.Length >= 6 || (alias.Length == 5 && word.Length >= 4 && word[0] == char.ToLowerInvariant(alias[0])
            && !alias.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !word.StartsWith(alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when one insertion, deletion, substitution or swap of neighbours turns one word into the other.</summary>
    internal static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return a == b;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }
}
