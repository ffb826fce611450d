using System.Text.RegularExpressions;
using SupportBot.Localization;

namespace SupportBot.Tests.Localization;

public sealed partial class LocalizerTests
{
    private readonly Localizer _sut = new();

    [Fact]
    public void Keys_EveryKeyExistsInBothLanguages()
    {
        var english = _sut.Keys(Localizer.English).Order().ToList();
        var chinese = _sut.Keys(Localizer.Chinese).Order().ToList();

        Assert.Equal(english.Except(chinese), []);
        Assert.Equal(chinese.Except(english), []);
    }

    [Fact]
    public void Texts_UseTheSamePlaceholdersInBothLanguagesAndAreNeverEmpty()
    {
        foreach (var key in _sut.Keys(Localizer.English).Where(k => k != "duration.separator"))
        {
            var english = _sut.Get(Localizer.English, key);
            var chinese = _sut.Get(Localizer.Chinese, key);
            Assert.False(string.IsNullOrWhiteSpace(english), key);
            Assert.False(string.IsNullOrWhiteSpace(chinese), key);
            Assert.True(Placeholders(english).SetEquals(Placeholders(chinese)), $"{key}: placeholders differ");
        }
    }

    [Theory]
    [InlineData("zh", Localizer.Chinese)]
    [InlineData("zh-cn", Localizer.Chinese)]
    [InlineData("zh-Hans-CN", Localizer.Chinese)]
    [InlineData("en-GB", Localizer.English)]
    [InlineData("de-DE", Localizer.English)]
    [InlineData(null, Localizer.English)]
    public void Normalize_WhateverTheChannelSends_PicksOneOfTheTwoLanguages(string? locale, string expected)
    {
        Assert.Equal(expected, Localizer.Normalize(locale));
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
