namespace Coverage.Runtime;

/// <summary>
/// Grain state kept in storage. Version counts acknowledged writes; a write whose version is no longer the stored one
/// throws <see cref="InconsistentStateException"/> instead of overwriting.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    long Version { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    Task WriteStateAsync();
}
