using System.ComponentModel;
using System.Diagnostics;

namespace SupportBot.TeamsPackage;

/// <summary>
/// Runs manifest/validate.mjs, which checks a package folder against the Teams schemas bundled in the npm
/// package @microsoft/app-manifest. Microsoft publishes the schemas and their validator only for Node, so the
/// packager calls out to it rather than re-implementing JSON Schema draft-04 with ECMAScript regexes in .NET.
/// </summary>
public sealed class ManifestSchemaValidator(string manifestFolder)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public const string HowToInstall = "schema validation needs Node.js (node on PATH) and the validator's packages: run `npm ci` in manifest/";

    public async Task<IReadOnlyList<string>> ValidateAsync(string packageFolder, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(manifestFolder, "validate.mjs");
        if (!File.Exists(script) || !Directory.Exists(Path.Combine(manifestFolder, "node_modules", "@microsoft", "app-manifest")))
        {
            return [HowToInstall];
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = manifestFolder,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Path.GetFullPath(packageFolder));

        Process node;
        try
        {
            node = Process.Start(start) ?? throw new Win32Exception("node did not start");
        }
        catch (Win32Exception)
        {
            return [HowToInstall];
        }

        using (node)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = node.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                node.Kill(entireProcessTree: true);
                return [$"schema validation did not finish within {Patience.TotalSeconds:0} s"];
            }

            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return node.ExitCode switch
            {
                0 => [],
                1 => lines,
                _ => [$"schema validation failed to run (exit {node.ExitCode}): {string.Join(" ", lines)} {(await errors).Trim()}".TrimEnd()],
            };
        }
    }
}
