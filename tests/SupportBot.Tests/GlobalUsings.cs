global using SupportBot.Tests.TestKit;
