namespace Coverage.Tests.Infrastructure;

/// <summary>Tests that load the machine (child processes, thousands of orgs) or time themselves run alone, so they neither disturb nor are disturbed by others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Isolated
{
    public const string Name = "Isolated";
}
