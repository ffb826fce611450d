using SupportBot.Engineering.Actions;
using SupportBot.Localization;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// Every card action says, in both languages, what its button, its send button, its inputs and its outcome read: a
/// new action with a missing text fails here, before anyone sees a raw key on a card.
/// </summary>
public sealed class CardActionCatalogueTests
{
    [Fact]
    public void Every_action_has_a_unique_verb_and_every_text_it_shows_in_both_languages()
    {
        var localizer = new Localizer();
        Assert.Equal(CardActions.All.Count, CardActions.All.Select(a => a.Verb).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(CardActions.All, a => a.Verb == CardActions.Refresh);
        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var keys = localizer.Keys(locale);
            foreach (var action in CardActions.All)
            {
                Assert.Same(action, CardActions.Find(action.Verb));
                // The lifecycle action's name is what a refusal says the presser may not do.
                var needed = new List<string> { action.DoneKey, $"action.{action.Action}" };
                if (action.Card is not null)
                {
                    needed.Add(action.LabelKey);
                }

                if (action.AsksForInput)
                {
                    needed.Add(action.SendKey);
                    needed.AddRange(action.Inputs.Select(field => $"card.input.{action.Verb}.{field.Name}"));

                    // A required text left empty is shown its own sentence on the card.
                    needed.AddRange(action.Inputs.OfType<TextField>().Where(field => field.Required).Select(field => $"card.error.required.{field.Name}"));
                }

                Assert.All(needed, key => Assert.True(keys.Contains(key), $"{locale} has no text {key} for the action '{action.Verb}'."));
            }
        }
    }
}
