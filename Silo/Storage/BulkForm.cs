namespace Coverage.Silo.Storage;

/// <summary>
/// The PostgreSQL form of a statement for many rows at once: @pN takes the array of every row's Nth value, rows are
/// numbered from 1 by <c>WITH ORDINALITY</c>, and unless <paramref name="TouchesEveryRow"/> the statement returns the
/// numbers of the rows it touched. One statement instead of one per row spares the server a plan and an executor per row.
/// </summary>
public sealed record BulkForm(string Sql, bool TouchesEveryRow)
{
    /// <summary>
    /// The form this statement takes as a companion inside its mains' statement, so a commit needs no second round trip
    /// to learn which mains touched a row: one more array after the statement's own gives each row's main row number, and
    /// only rows whose main is among <c>touched(n)</c> are written.
    /// </summary>
    public string? WhenTouched { get; init; }
}
