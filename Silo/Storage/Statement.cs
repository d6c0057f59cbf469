namespace Coverage.Silo.Storage;

/// <summary>One parameterised SQL statement; its values bind to @p0, @p1 … in order, so the text can be prepared once and reused.</summary>
public sealed record Statement(string Sql, params object?[] Values);
