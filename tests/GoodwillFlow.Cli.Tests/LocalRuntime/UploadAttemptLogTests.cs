using GoodwillFlow.Local.Uploads;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The watcher's memory of failing uploads: bounded attempts with pauses, kept across restarts.</summary>
public sealed class UploadAttemptLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodwill-attempts-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Gives_up_after_the_last_allowed_failure_and_remembers_it_after_a_restart()
    {
        var log = new UploadAttemptLog(_folder, _time, maxAttempts: 3);
        Assert.False(log.RecordFailure("Connections.csv", "etag1", "400 InvalidResourceName"));
        Assert.False(log.ShouldTry("Connections.csv", "etag1"));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(log.ShouldTry("Connections.csv", "etag1"));
        Assert.False(log.RecordFailure("Connections.csv", "etag1", "400 InvalidResourceName"));
        Assert.True(log.RecordFailure("Connections.csv", "etag1", "400 InvalidResourceName"));
        log.GiveUp("Connections.csv", "etag1", "It failed 3 times.");

        var afterRestart = new UploadAttemptLog(_folder, _time, maxAttempts: 3);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.False(afterRestart.ShouldTry("Connections.csv", "etag1"));
        Assert.Equal("It failed 3 times.", afterRestart.GaveUpReason("Connections.csv", "etag1"));

        // The same name uploaded again is new content: tried afresh.
        Assert.True(afterRestart.ShouldTry("Connections.csv", "etag2"));
    }

    [Fact]
    public void A_handled_upload_is_forgotten()
    {
        var log = new UploadAttemptLog(_folder, _time);
        log.RecordFailure("a.csv", "e", "IOException");
        log.Succeeded("a.csv", "e");
        Assert.True(new UploadAttemptLog(_folder, _time).ShouldTry("a.csv", "e"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
