namespace Coverage.Dashboard.Ingest;

/// <summary>One CSV record and the line of the file it starts on, which is how errors name it.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
