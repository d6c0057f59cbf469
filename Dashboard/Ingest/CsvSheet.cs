namespace Coverage.Dashboard.Ingest;

/// <summary>An import's sheet once its body reads as CSV: the header row, where it is, and the rows below it.</summary>
public sealed record CsvSheet(CsvHeader Header, string HeaderRow, IReadOnlyList<CsvRecord> Rows)
{
    public static readonly Message NoRows = new("has no rows after the header.", "表头以下没有数据行。");

    public static Message FieldCount(int fields, int columns) =>
        new($"has {fields} fields, and the header has {columns}.", $"有 {fields} 个单元格，而表头有 {columns} 列。");

    /// <summary>
    /// Null, with the error said, for a body that is not CSV in its charset, holds more rows than a batch, or is empty;
    /// <paramref name="columns"/> tells the sender of an empty one what its first row names.
    /// </summary>
    public static CsvSheet? Read(byte[] body, CsvCharset charset, ErrorBag errors, IReadOnlyDictionary<string, string> chineseNames, Message columns)
    {
        if (CsvParser.Parse(body, charset, errors, FiguresJsonBatch.MaxItems) is not { } records)
            return null;
        if (records.Count == 0)
        {
            errors.Add("$", new($"is empty; the first row names the columns: {columns.En}", $"是空的；第一行写列名：{columns.Zh}"));
            return null;
        }
        return new CsvSheet(new CsvHeader(records[0].Fields, chineseNames), $"rows[{records[0].Line}]", records[1..]);
    }
}
