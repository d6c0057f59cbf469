namespace Coverage.Dashboard.Ingest;

/// <summary>
/// An import's header row: each column as the sheet wrote it and the field it stands for. A column may carry the Chinese
/// name the exports give that field (代码, 会员人数, 快递员会员 …), so a sheet headed in Chinese reads like one headed with
/// the API's field names, and errors name the column as the sheet wrote it.
/// </summary>
public sealed class CsvHeader
{
    private readonly string[] _written;
    private readonly IReadOnlyDictionary<string, string> _chineseNames;

    public CsvHeader(IEnumerable<string> cells, IReadOnlyDictionary<string, string> chineseNames)
    {
        _written = [.. cells.Select(c => c.Trim())];
        _chineseNames = chineseNames;
        Fields = [.. _written.Select(c => chineseNames.GetValueOrDefault(c, c))];
    }

    public string[] Fields { get; }

    public int Length => Fields.Length;

    /// <summary>The sheet's own name for the column of a field (the field itself when no column stands for it).</summary>
    public string Written(string field) => Array.IndexOf(Fields, field) is >= 0 and var index ? _written[index] : field;

    public string WrittenAt(int index) => _written[index];

    /// <summary>Lists under <paramref name="row"/> each required field no column stands for, with the Chinese name that would do.</summary>
    public void ReportMissing(IEnumerable<string> required, string row, ErrorBag errors)
    {
        foreach (var missing in required.Where(r => !Fields.Contains(r)))
        {
            var chinese = _chineseNames.First(n => n.Value == missing).Key;
            errors.Add(row, new($"has no column '{missing}' (or '{chinese}').", $"缺少“{chinese}”列（或 {missing}）。"));
        }
    }
}
