namespace Coverage.Grains;

public sealed class OrgNotFoundException(string code)
    : Exception($"No union organisation has code '{code}'.");
