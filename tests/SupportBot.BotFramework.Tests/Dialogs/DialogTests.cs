using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Testing;
using SupportBot.BotFramework.Tests.TestKit;

namespace SupportBot.BotFramework.Tests.Dialogs;

public sealed class DialogTests
{
    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task Waterfall_AnsweredInOrder_CollectsTypedValuesAcrossTurns()
    {
        var bot = new ReportBot(_storage);

        await new TestFlow(new TestAdapter(), bot.OnTurnAsync)
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .Send("VPN drops every hour").AssertReply(reply => Assert.Equal(["Network", "Software"], reply.SuggestedActions!.Actions!.Select(a => a.Title)))
            .Send("网络").AssertReply("File 'VPN drops every hour' as Network?")
            .Send("是的").AssertReply("Filed: VPN drops every hour (Network)")
            .StartTestAsync();
    }

    [Fact]
    public async Task Prompt_ValidatorRefuses_RetriesThenGivesUpAfterTheLimit()
    {
        var bot = new ReportBot(_storage);

        await new TestFlow(new TestAdapter(), bot.OnTurnAsync)
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .Send("bad").AssertReply("Please give a title of at least 5 characters, e.g. 'CRM cannot save'.")
            .Send("   ").AssertReply("Please give a title of at least 5 characters, e.g. 'CRM cannot save'.")
            .Send("no").AssertReply("Let me find you a person to talk to.")
            .Send("hello again").AssertReply("What is the problem, in a few words?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Choice_ByNumberOrInAnyCase_IsRecognised()
    {
        var bot = new ReportBot(_storage);

        await new TestFlow(new TestAdapter(), bot.OnTurnAsync)
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .Send("Printer jams").AssertReply(_ => { })
            .Send("maybe").AssertReply(reply => Assert.Equal("Which kind of problem?", reply.Text))
            .Send("2").AssertReply("File 'Printer jams' as Software?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Interruptions_HelpRepromptsAndCancelClearsTheStack()
    {
        var bot = new ReportBot(_storage);

        await new TestFlow(new TestAdapter(), bot.OnTurnAsync)
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .Send("VPN drops every hour").AssertReply(_ => { })
            .Send("help").AssertReply("I need a few details about the problem.").AssertReply("Which kind of problem?")
            .Send("cancel").AssertReply("Cancelled.")
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Conversation_AfterARestart_ContinuesWhereItWas()
    {
        await new TestFlow(new TestAdapter(), new ReportBot(_storage).OnTurnAsync)
            .Send("hi").AssertReply("What is the problem, in a few words?")
            .Send("Outlook keeps asking for my password").AssertReply("Which kind of problem?")
            .StartTestAsync();

        // A new process: new adapter, new bot and dialog objects; only the storage survives.
        await new TestFlow(new TestAdapter(), new ReportBot(_storage).OnTurnAsync)
            .Send("software").AssertReply("File 'Outlook keeps asking for my password' as Software?")
            .StartTestAsync();
    }
}
