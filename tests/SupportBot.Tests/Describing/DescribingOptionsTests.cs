using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

public sealed class DescribingOptionsTests
{
    [Fact]
    public void A_system_without_name_or_aliases_and_a_duplicate_name_are_refused_with_their_keys()
    {
        var options = new DescribingOptions
        {
            Systems =
            [
                new SystemEntry { Name = "", Aliases = ["Atlas"] },
                new SystemEntry { Name = "Helix", Aliases = [] },
                new SystemEntry { Name = "helix", Aliases = ["HLX"] },
            ],
        };

        var result = new DescribingOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Describing:Systems:0:Name is required.",
                "Describing:Systems:1:Aliases needs at least one alias, none of them empty.",
                "Describing:Systems names 'Helix' more than once.",
            ],
            result.Failures);
    }

    [Fact]
    public void An_added_system_with_the_name_of_a_default_replaces_it()
    {
        var catalogue = SystemsCatalogue.Default.With([new SystemEntry { Name = "OA", Aliases = ["致远OA", "Seeyon"] }]);

        Assert.Equal(["致远OA", "Seeyon"], catalogue.Find("oa")!.Aliases);
        Assert.Equal(SystemsCatalogue.Default.Entries.Count, catalogue.Entries.Count);
    }
}
