namespace Coverage.Silo.Storage;

/// <summary>
/// Statements that commit in one transaction or not at all. Each must touch a row: one that touches none found its row
/// changed (a state version moved on) and fails them all.
/// </summary>
internal sealed class AllOrNothingWrite(IReadOnlyList<StatementWrite> writes) : WriteOperation
{
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<StatementWrite> Writes => writes;

    public Task<int> Completion => _completion.Task;

    /// <summary>Called inside the transaction after the statements ran, so throwing rolls them back.</summary>
    public void ThrowUnlessEveryRowWasTouched()
    {
        if (writes.FirstOrDefault(w => w.RowsAffected == 0) is { } missed)
            throw new WriteConflictException(
                $"The row of {string.Join(" ", missed.Statement.Values.Take(2))} was changed by another writer meanwhile; nothing was written.");
    }

    public override void Committed()
    {
        foreach (var write in writes)
            write.Committed();
        _completion.TrySetResult(writes.Count);
    }

    public override void Failed(Exception error)
    {
        foreach (var write in writes)
            write.Failed(error);
        _completion.TrySetException(error);
    }
}
