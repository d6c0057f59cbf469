namespace Coverage.Silo.Storage;

/// <summary>
/// The PostgreSQL form of a statement for many rows at once: @pN takes the array of every row's Nth value, rows are
/// numbered from 1 by <c>WITH ORDINALITY</c>, and unless <paramref name="TouchesEveryRow"/> the statement returns the
/// numbers of the rows it touched. One statement instead of one per row spares the server a plan and an executor per row.
/// </summary>
public sealed record BulkForm(string Sql, bool TouchesEveryRow);
