using System.Globalization;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// jieba's word list (every word with its frequency) in a compact, read-only form: the words sorted ordinally and
/// packed end to end in one array of characters, with their start offsets and frequencies beside. jieba.NET keeps the
/// same list as a hash map of one string per word and per word prefix (~600,000 strings, 33 MB of heap, for the life
/// of the process); here it takes about 5 MB. A prefix needs no entries of its own: the words that begin with it are
/// one contiguous run of the sorted list, found by binary search.
/// </summary>
internal sealed class ChineseDictionary
{
    private readonly char[] _chars;
    private readonly int[] _starts; // word i is _chars[_starts[i] .. _starts[i + 1])
    private readonly int[] _frequencies;

    private ChineseDictionary(char[] chars, int[] starts, int[] frequencies, double total)
    {
        _chars = chars;
        _starts = starts;
        _frequencies = frequencies;
        Total = total;
    }

    /// <summary>The sum of all frequencies, the denominator of a word's probability.</summary>
    public double Total { get; }

    public int Count => _frequencies.Length;

    /// <summary>
    /// Reads jieba's dictionary file (lines "word frequency [tag]") and adds <paramref name="extraWords"/> with
    /// <paramref name="extraFrequency"/>, replacing the file's frequency where a word is there already. The total counts
    /// every line of the file, as jieba's does, so both compute the same probabilities.
    /// </summary>
    public static ChineseDictionary Load(string path, IEnumerable<string> extraWords, int extraFrequency)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split(' ');
            if (fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var frequency))
            {
                words[fields[0]] = frequency;
                total += frequency;
            }
        }

        foreach (var word in extraWords)
        {
            if (words.TryGetValue(word, out var old) && old > 0)
            {
                total -= old;
            }

            words[word] = extraFrequency;
            total += extraFrequency;
        }

        var sorted = words.Keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var chars = new char[sorted.Sum(word => word.Length)];
        var starts = new int[sorted.Length + 1];
        var frequencies = new int[sorted.Length];
        var at = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            starts[i] = at;
            sorted[i].CopyTo(chars.AsSpan(at));
            at += sorted[i].Length;
            frequencies[i] = words[sorted[i]];
        }

        starts[^1] = at;
        return new ChineseDictionary(chars, starts, frequencies, total);
    }

    /// <summary>The word's frequency, or 0 when it is not a word (a prefix of one is not).</summary>
    public int Frequency(ReadOnlySpan<char> word)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var order = Word(middle).SequenceCompareTo(word);
            if (order == 0)
            {
                return _frequencies[middle];
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return 0;
    }

    /// <summary>
    /// Every word that <paramref name="text"/> begins with, shortest first, with its frequency (zero-frequency entries
    /// are not words). Stops at the first prefix no word begins with, as jieba's prefix walk does.
    /// </summary>
    public void WordsAt(ReadOnlySpan<char> text, List<(int Length, int Frequency)> found)
    {
        // [low, high) holds the words beginning with text[..k]; sorted ordinally, the word equal to it comes first.
        int low = 0, high = Count;
        for (var k = 0; k < text.Length; k++)
        {
            if (low < high && Length(low) == k)
            {
                low++;
            }

            var c = text[k];
            var first = FirstAtOrAfter(low, high, k, c);
            var end = c == char.MaxValue ? high : FirstAtOrAfter(first, high, k, (char)(c + 1));

            if (first == end)
            {
                return;
            }

            (low, high) = (first, end);
            if (Length(low) == k + 1 && _frequencies[low] > 0)
            {
                found.Add((k + 1, _frequencies[low]));
            }
        }
    }

    private ReadOnlySpan<char> Word(int index) => _chars.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private int Length(int index) => _starts[index + 1] - _starts[index];

    /// <summary>The first index in [low, high) whose character at <paramref name="position"/> is at least <paramref name="c"/>; every word there is longer than <paramref name="position"/>.</summary>
    private int FirstAtOrAfter(int low, int high, int position, char c)
    {
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_chars[_starts[middle] + position] < c)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
