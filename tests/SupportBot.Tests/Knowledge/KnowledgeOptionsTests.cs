using SupportBot.Knowledge;

namespace SupportBot.Tests.Knowledge;

public sealed class KnowledgeOptionsTests
{
    [Fact]
    public void Confidences_outside_zero_to_one_are_refused_with_their_keys()
    {
        var result = new KnowledgeOptionsValidator().Validate(null, new KnowledgeOptions { OfferConfidence = 1.5, CardConfidence = -0.1 });

        Assert.Equal(
            ["Knowledge:OfferConfidence must be between 0 and 1, not 1.5.", "Knowledge:CardConfidence must be between 0 and 1, not -0.1."],
            result.Failures);
    }

    [Fact]
    public void The_shipped_defaults_are_valid()
    {
        Assert.True(new KnowledgeOptionsValidator().Validate(null, new KnowledgeOptions()).Succeeded);
    }
}
