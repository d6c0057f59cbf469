namespace Coverage.Bench.Harness;

/// <summary>Prints results as a Markdown table, ready to paste into the README.</summary>
public sealed class Table(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        _rows.Add(cells);
        Console.Error.WriteLine($"  {string.Join(" | ", cells)}");
    }

    public void Print(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"{title} ({Machine.Describe()})");
        Console.WriteLine();
        Console.WriteLine($"| {string.Join(" | ", columns)} |");
        Console.WriteLine($"|{string.Join("|", columns.Select(_ => "---"))}|");
        foreach (var row in _rows)
            Console.WriteLine($"| {string.Join(" | ", row)} |");
    }
}
