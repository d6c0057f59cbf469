namespace Coverage.Silo.Storage;

/// <summary>
/// A statement that rides in the same transaction as one grain's next state write, so a request that changes a grain
/// and records the change (its audit entry) waits for one commit instead of two. It flows with the caller into the grain
/// turn, is taken at most once, and only by that grain's state write; if the turn wrote nothing, or ran where the
/// caller's context does not reach, the caller takes it back and writes it alone.
/// </summary>
public sealed class WriteCompanion(string stateName, string grainKey, Statement statement)
{
    private static readonly AsyncLocal<WriteCompanion?> Current = new();
    private int _taken;

    /// <summary>Offers the companion to state writes made within the returned scope.</summary>
    public Scope Attach()
    {
        var previous = Current.Value;
        Current.Value = this;
        return new Scope(previous);
    }

    /// <summary>True when no state write took the companion; from then on none can.</summary>
    public bool TakeBack() => Interlocked.Exchange(ref _taken, 1) == 0;

    internal static Statement? TakeFor(string stateName, string grainKey) =>
        Current.Value is { } companion && companion.Matches(stateName, grainKey) && Interlocked.Exchange(ref companion._taken, 1) == 0
            ? companion.Statement
            : null;

    internal Statement Statement { get; } = statement;

    private bool Matches(string name, string key) => name == stateName && key == grainKey;

    public readonly struct Scope(WriteCompanion? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
