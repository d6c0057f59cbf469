using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Infrastructure;

/// <summary>Keeps every log entry of the categories asked for, so a test can read what an operator would see.</summary>
public sealed class LogCapture(params Type[] categories) : ILoggerProvider
{
    private readonly HashSet<string> _categories = [.. categories.Select(c => c.FullName!)];

    public ConcurrentQueue<Entry> Entries { get; } = [];

    public IReadOnlyList<Entry> Of<T>(LogLevel atLeast = LogLevel.Trace) =>
        [.. Entries.Where(e => e.Category == typeof(T).FullName && e.Level >= atLeast)];

    public ILogger CreateLogger(string categoryName) =>
        _categories.Contains(categoryName) ? new Logger(this, categoryName) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
