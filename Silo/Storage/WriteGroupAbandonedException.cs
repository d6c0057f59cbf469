namespace Coverage.Silo.Storage;

/// <summary>A grain's write in a write group that another member failed, so the group wrote nothing.</summary>
public sealed class WriteGroupAbandonedException(Exception cause)
    : Exception($"Not written: the group this write belonged to failed ({cause.Message}).", cause);
