using Coverage.Contracts;

namespace Coverage.Silo.Targets;

/// <summary>
/// Something a federation can set a yearly target for. A gain counts from the year's baseline (see
/// <see cref="History.OrgHistory.BaselineAsync"/>); a level is the current value; a rate target lies in (0, 1].
/// </summary>
public sealed record TargetMeasure(string Key, string Label, bool IsGain, bool IsRate, Func<Totals, Totals?, double?> Actual);
