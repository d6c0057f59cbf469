using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>One org's figures in a batch or import, with the keys its code and asOf errors are listed under.</summary>
public sealed record FiguresItem(string CodeKey, string AsOfKey, string Code, Figures Figures);
