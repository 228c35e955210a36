using System.Text;

namespace GoodwillFlow.Cli.Tests;

/// <summary>What a user sees after running <c>goodwill</c>: the exit code, stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>A clock fixed at Tuesday 1 December 2026, 08:00 UTC, so plans do not depend on when tests run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var code = await GoodwillCli.RunAsync(args, new CliContext(output, error, new FixedTime(Now)));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The repository's samples/Connections.csv.</summary>
    public static string SamplePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "Connections.csv");
                if (File.Exists(Path.Combine(dir.FullName, "GoodwillFlow.sln")) && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("samples/Connections.csv was not found above the test output folder.");
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A temporary file deleted when the test ends.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(byte[] bytes, string name = "Connections.csv")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("goodwill-cli-");
        Path = System.IO.Path.Combine(Directory.FullName, name);
        File.WriteAllBytes(Path, bytes);
    }

    public TempFile(string text, string name = "Connections.csv")
        : this(Encoding.UTF8.GetBytes(text), name)
    {
    }

    public DirectoryInfo Directory { get; }

    public string Path { get; }

    public void Dispose() => Directory.Delete(recursive: true);
}
