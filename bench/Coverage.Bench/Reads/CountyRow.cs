namespace Coverage.Bench.Reads;

/// <summary>One county with its place in the tree, as a user's flat figures table would hold it.</summary>
public sealed record CountyRow(string Province, string City, string County, int Index);
