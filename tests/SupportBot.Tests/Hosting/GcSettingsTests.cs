namespace SupportBot.Tests.Hosting;

/// <summary>
/// The GC settings the memory measurements were taken with (Directory.Build.props, shared by the app and this test
/// project) reach the runtime. A misspelt runtimeconfig key is ignored without a word, and the resident set would
/// quietly go back to what it was (bench/README.md, "A smaller gen0 budget").
/// </summary>
public sealed class GcSettingsTests
{
    [Theory]
    [InlineData("GCConserveMem", 7L)]
    [InlineData("GCDGen0GrowthMaxFactor", 500L)]
    public void The_runtime_reads_the_setting(string name, long expected)
    {
        Assert.True(GC.GetConfigurationVariables().TryGetValue(name, out var value), $"the runtime reports no {name}");
        Assert.Equal(expected, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
