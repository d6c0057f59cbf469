using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Coverage.Silo.Hierarchy;

namespace Coverage.Tests.Analytics;

/// <summary>The search's index against a plain scan of the tree, over a tree of random names and codes that keeps changing.</summary>
public sealed class OrgSearchTests
{
    private const string Letters = "工会联合兴宁区第基层abcABCéÉ01-";

    [Fact]
    public async Task SearchFindsWhatAPlainScanOfTheTreeFindsAsTheTreeChanges()
    {
        var directory = new OrgDirectory();
        using var search = new OrgSearch(directory);
        var random = new Random(20261207);
        var counties = directory.All.Where(o => o.Level == OrgLevel.County).OrderBy(o => o.Code, StringComparer.Ordinal).Take(12).ToList();
        directory.PutMany(Units(random, counties, 600));

        await AssertAgreesWithAPlainScan(directory, search, random);

        directory.PutMany(Units(random, counties, 50));
        directory.PutMany(Registered(directory).OrderBy(_ => random.Next()).Take(30).Select(o => o with { Name = Text(random, 3, 9) }).ToList());
        directory.Deregister(Registered(directory).OrderBy(_ => random.Next()).Take(20).ToList());

        await AssertAgreesWithAPlainScan(directory, search, random);
    }

    [Fact]
    public async Task AfterManyChangesAFreshIndexIsMadeAndWhatChangedWhileItWasMadeIsStillFound()
    {
        var directory = new OrgDirectory();
        using var search = new OrgSearch(directory);
        var random = new Random(7);
        var counties = directory.All.Where(o => o.Level == OrgLevel.County).Take(40).ToList();
        await search.FindAsync("工会", null, 10, 0);
        var units = Units(random, counties, OrgSearch.RebuildAfter + 1);
        directory.PutMany(units);

        await search.FindAsync("工会", null, 10, 0);
        var rebuilding = search.Rebuilding;
        // As many changes as a slow machine's walk may meet, but fewer than a fresh index may leave to look up.
        for (var made = 0; !rebuilding.IsCompleted && made < OrgSearch.RebuildAfter / 4; made += 2)
        {
            directory.Put(Units(random, counties, 1)[0]);
            directory.Put(units[random.Next(units.Count)] with { Name = Text(random, 3, 9) });
        }
        await rebuilding;

        Assert.True(search.ChangedSinceIndex < OrgSearch.RebuildAfter, $"{search.ChangedSinceIndex} orgs still looked up one by one");
        await AssertAgreesWithAPlainScan(directory, search, random);
    }

    [Fact]
    public async Task AKeyOfAGrassrootsUnitFindsThatUnitAlone()
    {
        var directory = new OrgDirectory();
        using var search = new OrgSearch(directory);
        directory.PutMany([
            new OrgInfo("XN-1", "兴宁区快递工会", OrgLevel.Grassroots, OrgKind.Joint, "450102"),
            new OrgInfo("XN-10", "兴宁区外卖工会", OrgLevel.Grassroots, OrgKind.Joint, "450102")]);

        Assert.Equal(["XN-1"], (await search.FindAsync("兴宁区", null, 10, 0, "XN-1")).Items.Select(o => o.Code));
        Assert.Empty((await search.FindAsync("外卖", null, 10, 0, "XN-1")).Items);
        Assert.Equal(["XN-10"], (await search.FindAsync("XN", null, 10, 0, "XN-10")).Items.Select(o => o.Code));
    }

    private static async Task AssertAgreesWithAPlainScan(OrgDirectory directory, OrgSearch search, Random random)
    {
        var orgs = directory.All.ToList();
        var scopes = new List<string?> { null, OrgDirectory.NationalCode, "450000", "450100", "450102", "NOWHERE" };
        scopes.AddRange(Registered(directory).Take(3).Select(o => o.Code));
        for (var i = 0; i < 300; i++)
        {
            var query = Query(random, orgs[random.Next(orgs.Count)]);
            OrgLevel? level = random.Next(5) == 0 ? (OrgLevel)random.Next(5) : null;
            var under = scopes[random.Next(scopes.Count)];
            var expected = orgs.Select(o => (Org: o, Rank: Rank(o, query)))
                .Where(m => m.Rank >= 0 && (level is null || m.Org.Level == level) && (under is null || directory.IsWithin(m.Org.Code, under)))
                .ToList();

            var found = await search.FindAsync(query, level, 100_000, 0, under);

            var what = $"q='{query}' level={level} under={under}";
            Assert.True(expected.Count == found.Total, $"{what}: {found.Total} found, {expected.Count} expected");
            Assert.Equal(expected.Select(m => m.Org.Code).Order(StringComparer.Ordinal), found.Items.Select(o => o.Code).Order(StringComparer.Ordinal));
            var order = found.Items.Select(o => (Rank(o, query), (int)o.Level)).ToList();
            Assert.True(order.SequenceEqual(order.Order()), $"{what}: not best first");
            var offset = random.Next(Math.Max(1, found.Total));
            Assert.Equal(found.Items.Skip(offset).Take(7), (await search.FindAsync(query, level, 7, offset, under)).Items);
        }
    }

    /// <summary>The ranking as documented: exact code, code prefix, name prefix, part of the name; upper and lower case alike.</summary>
    private static int Rank(OrgInfo org, string query)
    {
        var q = query.Trim().ToUpperInvariant();
        if (q.Length == 0 || org.Code == query.Trim())
            return 0;
        if (org.Code.ToUpperInvariant().StartsWith(q, StringComparison.Ordinal))
            return 1;
        if (org.Name.ToUpperInvariant().StartsWith(q, StringComparison.Ordinal))
            return 2;
        return org.Name.ToUpperInvariant().Contains(q, StringComparison.Ordinal) ? 3 : -1;
    }

    private static string Query(Random random, OrgInfo org) => random.Next(8) switch
    {
        0 => org.Code,
        1 => org.Code[..random.Next(1, org.Code.Length + 1)].ToLowerInvariant(),
        2 => Part(random, org.Name),
        3 => Part(random, org.Name).ToLowerInvariant(),
        4 => Letters[random.Next(Letters.Length)].ToString(),
        5 => $" {Part(random, org.Name)} ",
        6 => Text(random, 2, 4),
        _ => "无此名称",
    };

    private static string Part(Random random, string text)
    {
        var start = random.Next(text.Length);
        return text.Substring(start, random.Next(1, text.Length - start + 1));
    }

    private static List<OrgInfo> Units(Random random, List<OrgInfo> counties, int count) =>
    [
        .. Enumerable.Range(0, count).Select(_ =>
        {
            var county = counties[random.Next(counties.Count)];
            return new OrgInfo($"{county.Code}-{Text(random, 2, 6, "aAbB01")}{random.Next(1_000_000)}", Text(random, 3, 9),
                OrgLevel.Grassroots, OrgKind.Joint, county.Code);
        }),
    ];

    private static IEnumerable<OrgInfo> Registered(OrgDirectory directory) =>
        directory.All.Where(o => !directory.IsListed(o.Code)).OrderBy(o => o.Code, StringComparer.Ordinal);

    private static string Text(Random random, int shortest, int longest, string letters = Letters) =>
        string.Concat(Enumerable.Range(0, random.Next(shortest, longest + 1)).Select(_ => letters[random.Next(letters.Length)]));
}
