using SupportBot.Common;
using SupportBot.BotFramework.Dialogs;
using SupportBot.BotFramework.State;

namespace SupportBot.Intake;

internal static class IntakeExtensions
{
    /// <summary>The guided report and the reporter's commands; needs the conversation state of AddConversations.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddSingleton<OccurrenceTimeParser>();
        services.AddSingleton<CategorySuggester>();
        services.AddSingleton<IntakeChoices>();
        services.AddSingleton<StatedFacts>();
        services.AddSingleton<DescriptionIntake>();
        services.AddSingleton<IntakeFlow>();
        services.AddSingleton<IntakeQuestions>();
        services.AddSingleton<ConfirmationCard>();
        services.AddSingleton<IntakeSubmission>();
        services.AddSingleton<KnowledgeOffer>();
        services.AddSingleton<ReporterDesk>();
        services.AddSingleton<ReporterCommands>();
        services.AddValidatedOptions<IntakeOptions, IntakeOptionsValidator>(IntakeOptions.SectionName);
        services.AddSingleton<OnBehalfFiling>();
        services.AddSingleton(provider => provider.GetRequiredService<UserState>().CreateProperty<ReporterProfile>("profile"));
        services.AddSingleton<IntakeDialog>();
        services.AddSingleton(provider => new DialogSet(provider.GetRequiredService<ConversationState>().CreateProperty<DialogState>("dialogs"))
            .Add(provider.GetRequiredService<IntakeDialog>()));
        return services;
    }
}
