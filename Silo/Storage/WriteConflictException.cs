namespace Coverage.Silo.Storage;

/// <summary>An all-or-nothing write found a row changed by another writer, so none of it was written.</summary>
public sealed class WriteConflictException(string message) : Exception(message);
