using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Storage;

public sealed class StorageOutageLogTests
{
    [Fact]
    public void AnOutageIsToldOnceWithItsCauseThenSummedUpAndItsEndTold()
    {
        var (outage, log, clock) = Create();
        outage.Succeeded();
        Assert.Empty(log.Entries);

        var cause = new StorageUnavailableException("The database is unavailable (Connection refused); nothing was written.", new IOException());
        outage.Failed(cause);
        for (var i = 0; i < 99; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(290));
            outage.Failed(new StorageUnavailableException("again", new IOException()));
        }
        var first = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Same(cause, first.Exception);

        clock.Advance(TimeSpan.FromSeconds(2));
        outage.Failed(new StorageUnavailableException("Connection refused", new IOException()));
        var summary = log.Entries.Last();
        Assert.Equal(2, log.Entries.Count);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Null(summary.Exception);
        Assert.Contains("100 more requests and background writes failed", summary.Message);
        Assert.Contains("Connection refused", summary.Message);

        clock.Advance(TimeSpan.FromSeconds(5));
        outage.Succeeded();
        outage.Succeeded();
        var end = log.Entries.Last();
        Assert.Equal(3, log.Entries.Count);
        Assert.Equal(LogLevel.Information, end.Level);
        Assert.Contains("after 00:00:35", end.Message);
        Assert.Contains("101 requests and background writes failed", end.Message);
    }

    [Fact]
    public void AnOutageAfterTheLastEndedIsToldWithItsOwnCause()
    {
        var (outage, log, _) = Create();
        outage.Failed(new StorageUnavailableException("first", new IOException()));
        outage.Succeeded();
        var second = new StorageUnavailableException("second", new IOException());
        outage.Failed(second);

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], log.Entries.Select(e => e.Level));
        Assert.Same(second, log.Entries.Last().Exception);
    }

    private static (StorageOutageLog Outage, LogCapture Log, SteppingClock Clock) Create()
    {
        var log = new LogCapture(typeof(StorageOutageLog));
        var clock = new SteppingClock();
        var loggers = LoggerFactory.Create(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        return (new StorageOutageLog(clock, loggers.CreateLogger<StorageOutageLog>()), log, clock);
    }

    /// <summary>Elapsed time that moves only when the test says.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
