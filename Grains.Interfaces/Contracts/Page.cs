namespace Coverage.Contracts;

/// <summary>One page of a longer list, with the number of items in the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
