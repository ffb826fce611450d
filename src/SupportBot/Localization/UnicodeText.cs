using System.Text;

namespace SupportBot.Localization;

/// <summary>
/// Text from outside made safe to normalise: an unpaired surrogate or a noncharacter (U+FFFE, U+FDD0 …) becomes
/// U+FFFD, because <see cref="string.Normalize()"/> throws on them. Then the NFKC form every reader compares in.
/// </summary>
internal static class UnicodeText
{
    public static string NormalizeKc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = Replaceable(text) ? Replace(text) : text;
        return clean.IsNormalized(NormalizationForm.FormKC) ? clean : clean.Normalize(NormalizationForm.FormKC);
    }

    private static bool Replaceable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsBad(text, i, out var width))
            {
                return true;
            }

            i += width - 1;
        }

        return false;
    }

    private static string Replace(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsBad(text, i, out var width))
            {
                clean.Append('\uFFFD');
            }
            else
            {
                clean.Append(text, i, width);
            }

            i += width - 1;
        }

        return clean.ToString();
    }

    /// <summary>Whether the character (or surrogate pair) at <paramref name="i"/> cannot be normalised; its width in chars.</summary>
    private static bool IsBad(string text, int i, out int width)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            var scalar = char.ConvertToUtf32(c, text[i + 1]);
            return (scalar & 0xFFFE) == 0xFFFE;
        }

        width = 1;
        return char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c is >= '\uFDD0' and <= '\uFDEF';
    }
}
