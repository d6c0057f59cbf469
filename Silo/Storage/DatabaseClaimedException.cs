namespace Coverage.Silo.Storage;

/// <summary>Another process holds the database's writer claim; this one may not write to it.</summary>
public sealed class DatabaseClaimedException(string message, Exception? inner = null) : Exception(message, inner);
