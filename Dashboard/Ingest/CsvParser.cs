using System.Text;

namespace Coverage.Dashboard.Ingest;

/// <summary>RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, an optional byte-order mark; blank lines are skipped.</summary>
public static class CsvParser
{
    /// <summary>The records, header first, or null with an error under "line N" when the text is not well-formed CSV.</summary>
    public static List<CsvRecord>? Parse(byte[] body, CsvCharset charset, ErrorBag errors, int maxRowsAfterHeader)
    {
        if (charset.Decode(body, errors) is not { } text)
            return null;
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = text.StartsWith('\uFEFF') ? 1 : 0;
        var quoted = false;
        var afterQuote = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                EndRecord();
                line++;
                recordLine = line;
            }
            else if (afterQuote)
            {
                errors.Add($"line {line}", new("has text after a closing quote; inside a quoted field write a quote as \"\".",
                    "右引号之后还有文字；引号内的字段中，引号要写成 \"\"。"));
                return null;
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
            if (records.Count > maxRowsAfterHeader + 1)
            {
                errors.Add("$", new($"has more than {maxRowsAfterHeader} rows below the header; split the file.", $"表头以下超过 {maxRowsAfterHeader} 行；请拆分文件。"));
                return null;
            }
        }
        if (quoted)
        {
            errors.Add($"line {recordLine}", new("has a quoted field that is never closed.", "有引号字段没有闭合。"));
            return null;
        }
        EndRecord();
        return records;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            afterQuote = false;
            if (fields.Count > 1 || fields[0].Trim().Length > 0)
                records.Add(new CsvRecord(recordLine, [.. fields]));
            fields.Clear();
        }
    }
}
