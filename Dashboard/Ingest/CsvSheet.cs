namespace Coverage.Dashboard.Ingest;

/// <summary>An import's sheet once its body reads as CSV: the header row, where it is, and the rows below it.</summary>
public sealed record CsvSheet(CsvHeader Header, string HeaderRow, IReadOnlyList<CsvRecord> Rows)
{
    /// <summary>
    /// Null, with the error said, for a body that is not CSV in its charset, holds more rows than a batch, or is empty;
    /// <paramref name="columns"/> tells the sender of an empty one what its first row names.
    /// </summary>
    public static CsvSheet? Read(byte[] body, CsvCharset charset, ErrorBag errors, IReadOnlyDictionary<string, string> chineseNames, string columns)
    {
        if (CsvParser.Parse(body, charset, errors, FiguresJsonBatch.MaxItems) is not { } records)
            return null;
        if (records.Count == 0)
        {
            errors.Add("$", $"is empty; the first row names the columns: {columns}");
            return null;
        }
        return new CsvSheet(new CsvHeader(records[0].Fields, chineseNames), $"rows[{records[0].Line}]", records[1..]);
    }
}
