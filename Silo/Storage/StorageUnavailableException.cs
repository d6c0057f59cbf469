namespace Coverage.Silo.Storage;

/// <summary>The database could not be reached or refused the work; nothing was committed. Safe to retry.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
