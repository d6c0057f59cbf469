namespace Coverage.Contracts;

/// <summary>The targets a parent federation set for one org for one calendar year, keyed by target measure.</summary>
public sealed record OrgTargets(string Code, int Year, IReadOnlyDictionary<string, double> Targets, DateTimeOffset SetAt);
