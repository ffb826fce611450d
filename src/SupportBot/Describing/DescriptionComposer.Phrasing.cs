using System.Diagnostics.CodeAnalysis;

namespace SupportBot.Describing;

/// <summary>The small repairs that make a composed description read as a person would write it.</summary>
internal sealed partial class DescriptionComposer
{
    /// <summary>
    /// A symptom that is a thing seen or heard, not a clause: "blank page", "blue screen", "spinning circle", "grinding
    /// noise". It needs its article and a verb ("it shows a blank page", "there is a grinding noise"); "it is blank page"
    /// and "it keeps grinding noise" read as broken English. Null for a clause ("keeps dropping", "kicking me out").
    /// </summary>
    private static string? NounPhraseSubject(string symptom)
    {
        var words = symptom.Split(' ');
        if (words is [var sound] && Sounds.Contains(sound))
        {
            return "there is " + Article(sound);
        }

        if (words is not [var first, var noun] || !IsPlainWord(first) || !IsPlainWord(noun) || NotNouns.Contains(noun)
            || noun.EndsWith("ly", StringComparison.Ordinal) || noun.EndsWith("ing", StringComparison.Ordinal) || noun.EndsWith("ed", StringComparison.Ordinal))
        {
            return null;
        }

        var describes = Adjectives.Contains(first) || Colours.Contains(first) || (first.Length > 4 && first.EndsWith("ing", StringComparison.Ordinal));
        if (!describes)
        {
            return null;
        }

        // "blue screens", "grinding noises" take no article, and many of them are "there are".
        var plural = noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal);
        return Sounds.Contains(noun) ? (plural ? "there are " : "there is " + Article(first)) : "it shows " + (plural ? "" : Article(first));
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an " : "a ";

    private static bool IsPlainWord(string word) => word.Length > 1 && word.All(char.IsAsciiLetterLower);

    /// <summary>Words that follow a describing word without being the thing described: "stuck at", "greyed out", "kicking me".</summary>
    private static readonly HashSet<string> NotNouns =
        ["at", "on", "in", "out", "up", "down", "off", "to", "for", "with", "and", "or", "me", "you", "him", "her", "us", "them", "it",
         "the", "a", "an", "all", "every", "my", "our", "again", "now", "forever", "today", "sometimes", "randomly", "constantly", "half"];

    private static readonly HashSet<string> Colours = ["blue", "green", "red", "grey", "gray", "pink", "purple", "yellow"];

    private static readonly HashSet<string> Sounds = ["noise", "noises", "sound", "sounds", "echo", "buzz", "buzzing", "hum", "static", "click", "clicking", "beep", "squeal"];

    /// <summary>
    /// A reader's span can stop one word short of what it meant ("won't submit -", "is stuck at", "anymore - the"):
    /// a trailing dash or a word that needs a next word is cut, so the sentence does not end mid-phrase.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    private static string? WithoutDanglingEnd(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.TrimEnd();
        for (var cuts = 0; cuts < 4; cuts++)
        {
            var cut = trimmed.TrimEnd('-', '–', ',', ':', ';', ' ');
            var space = cut.LastIndexOf(' ');
            if (space > 0 && DanglingWords.Contains(cut[(space + 1)..].ToLowerInvariant()))
            {
                cut = cut[..space].TrimEnd();
            }

            if (cut == trimmed || cut.Length == 0)
            {
                break;
            }

            trimmed = cut;
        }

        return trimmed.Length == 0 ? text : trimmed;
    }

    private static readonly HashSet<string> DanglingWords = ["the", "a", "an", "at", "to", "of", "for", "with", "and", "or", "but", "my", "our", "into", "from"];

    /// <summary>
    /// "stop working", "time out" read as a reporter's note; after "it" the verb agrees: "it stops working", "it times
    /// out". Only verbs that a symptom starts with and that are not also nouns of a symptom ("crash report") are changed.
    /// </summary>
    private static string ThirdPerson(string symptom)
    {
        var space = symptom.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !BaseVerbs.Contains(symptom[..space]))
        {
            return symptom;
        }

        var verb = symptom[..space];
        var ending = verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) || verb.EndsWith('x') || verb.EndsWith('o') ? "es" : "s";
        return verb + ending + symptom[space..];
    }

    private static readonly HashSet<string> BaseVerbs =
        ["stop", "time", "cut", "freeze", "crash", "hang", "drop", "go", "turn", "shut", "fail", "die", "restart", "reboot", "overheat", "flicker", "disconnect", "close", "log"];

    /// <summary>"logging in" needs "to OA", not "in OA": "When logging in in OA" repeats the word.</summary>
    private static bool EndsWithIn(string action) => action.EndsWith(" in", StringComparison.OrdinalIgnoreCase);

    /// <summary>"…'This link has expired.'" already ends a sentence: a full stop after the quote would be a second one.</summary>
    private static bool EndsSentence(string description)
    {
        var end = description.TrimEnd('\'', '"', '’', '”', '」', '』');
        return end.Length < description.Length && end.Length > 0 && end[^1] is '.' or '!' or '?' or '。' or '！' or '？';
    }

    /// <summary>Chinese needs no space between words, but two Latin words do: 「Excel Can't find project」, not 「ExcelCan't」.</summary>
    private static string JoinChinese(string left, string right) => left + LatinGap(left, right) + right;

    private static string LatinGap(string left, string right) =>
        left.Length > 0 && right.Length > 0 && char.IsAsciiLetterOrDigit(left[^1]) && char.IsAsciiLetter(right[0]) ? " " : "";
}
