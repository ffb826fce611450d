namespace SupportBot.Tests.Describing;

/// <summary>A device is named in the description by the reporter's own word for it, not by the catalogue's display name.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    // A projector filed as "the monitor", a headset as 「电话」, sends the engineer to the wrong thing; the catalogue's
    // Nouns list the words that name a kind of its device. Typos and brands still read as the display name.
    [Theory]
    [InlineData("我电脑连不上投影仪了,开会要用", "zh-CN", "Monitor", "投影仪", "显示器")]
    [InlineData("My laptop won't connect to the projector in room 5", "en-US", "Monitor", "projector", "monitor")]
    [InlineData("耳机没声音,开Teams会议的时候", "zh-CN", "Phone", "耳机", "电话")]
    [InlineData("The scanner on floor 3 shows error SC542", "en-US", "Printer", "scanner", "printer")]
    [InlineData("The pirnter jams when printing", "en-US", "Printer", "printer", "pirnter")]
    public void A_device_is_named_as_the_reporter_named_it(string text, string locale, string system, string named, string notNamed)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(system, analysis.Slots.System);
        Assert.Contains(named, analysis.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(notNamed, analysis.Description, StringComparison.Ordinal);
    }

    // Answered to "which system or device?": the same word kept; a full-width answer is read as its normalised text.
    [Theory]
    [InlineData("没声音", "zh-CN", "耳机", "耳机")]
    [InlineData("It has no sound", "en-US", "ｈｅａｄｓｅｔ <b>please</b>", "headset")]
    public void A_device_named_in_an_answer_is_kept_as_the_reporter_named_it(string text, string locale, string answer, string named)
    {
        var analysis = Analyzer.Analyze(text, locale, new SupportBot.Describing.DescriptionAnswers { System = answer });

        Assert.Equal("Phone", analysis.Slots.System);
        Assert.Contains(named, analysis.Description, StringComparison.Ordinal);
    }
}

/// <summary>What was going on when a device failed reads as the moment, not as part of the symptom.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    // "no sound during Teams calls" once composed "During sound during Teams calls on the headset": the words before the
    // nominal verb "calls" were taken as its modifiers across the symptom and the moment's marker.
    [Theory]
    [InlineData("The headset has no sound during Teams calls", "Teams calls", "During Teams calls on the headset, there is no sound.")]
    [InlineData("No sound during Teams calls", "Teams calls", null)]
    public void A_moment_after_the_symptom_is_the_action_without_the_symptom(string text, string action, string? description)
    {
        var analysis = Analyzer.Analyze(text, "en-US");

        Assert.Equal(action, analysis.Slots.Action);
        Assert.DoesNotContain("sound during", analysis.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no sound", analysis.Description, StringComparison.Ordinal);
        if (description is not null)
        {
            Assert.Equal(description, analysis.Description);
        }
    }
}

/// <summary>A freeze said in the progressive is the symptom, as "freezes" is.</summary>
public sealed partial class DescriptionAnalyzerTests
{
    [Theory]
    [InlineData("Teams keeps freezing during video calls", "Teams", "video calls")]
    [InlineData("Excel keeps freezing when I open big files", "Excel", "open big files")]
    public void Keeps_freezing_is_the_symptom(string text, string system, string action)
    {
        var analysis = Analyzer.Analyze(text, "en-US");

        Assert.Equal(system, analysis.Slots.System);
        Assert.Equal(action, analysis.Slots.Action);
        Assert.Contains("freezing", analysis.Slots.Symptom, StringComparison.Ordinal);
        Assert.True(analysis.Specific);
    }
}
