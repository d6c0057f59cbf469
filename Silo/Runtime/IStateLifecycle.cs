namespace Coverage.Silo.Runtime;

/// <summary>What the runtime does with a grain's states around activation: read before the first turn, write before collection.</summary>
internal interface IStateLifecycle
{
    Task ReadStateAsync();

    /// <summary>Writes the state unless it is what was last read or written: collecting an unchanged grain writes nothing.</summary>
    Task WriteStateIfChangedAsync();
}
