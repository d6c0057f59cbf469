namespace Coverage.Silo.Storage;

/// <summary>
/// One parameterised SQL statement; its values bind to @p0, @p1 … in order, so the text can be prepared once and reused.
/// <see cref="Bulk"/>, when set, writes many such statements at once on PostgreSQL.
/// </summary>
public sealed record Statement(string Sql, params object?[] Values)
{
    public BulkForm? Bulk { get; init; }
}
