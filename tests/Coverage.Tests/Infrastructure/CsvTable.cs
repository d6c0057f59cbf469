using System.Text;

namespace Coverage.Tests.Infrastructure;

/// <summary>A CSV response read back as RFC 4180 records, keeping whether it started with a UTF-8 byte-order mark.</summary>
public sealed record CsvTable(bool HasByteOrderMark, string ContentType, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string Cell(int row, string column) => Rows[row][IndexOf(column)];

    public IEnumerable<string> Column(string column) => Rows.Select(r => r[IndexOf(column)]);

    public static CsvTable Parse(byte[] body, string contentType)
    {
        var bom = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF;
        var records = Records(Encoding.UTF8.GetString(body, bom ? 3 : 0, body.Length - (bom ? 3 : 0)));
        return new CsvTable(bom, contentType, records[0], records.Skip(1).ToList());
    }

    private int IndexOf(string column)
    {
        var index = Header.ToList().IndexOf(column);
        return index >= 0 ? index : throw new KeyNotFoundException($"No column '{column}' in {string.Join(",", Header)}.");
    }

    private static List<IReadOnlyList<string>> Records(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
                i++;
            }
            else
                field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
            throw new FormatException("The CSV does not end with CRLF.");
        return records;
    }
}
