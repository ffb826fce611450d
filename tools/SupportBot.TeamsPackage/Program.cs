namespace SupportBot.TeamsPackage;

internal static class Program
{
    private static Task<int> Main(string[] args) => TeamsPackageCommand.RunAsync(args, Console.Out, Console.Error);
}
