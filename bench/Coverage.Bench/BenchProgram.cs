using Coverage.Bench.Audit;
using Coverage.Bench.Dense;
using Coverage.Bench.Harness;
using Coverage.Bench.Http;
using Coverage.Bench.Ingest;
using Coverage.Bench.Reads;
using Coverage.Bench.Runtime;
using Coverage.Bench.Search;
using Coverage.Bench.Startup;

namespace Coverage.Bench;

/// <summary>Runs one benchmark by name; each prints its figures as README table rows.</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
            return Usage();
        var options = new BenchArgs(args[1..]);
        switch (args[0])
        {
            case "runtime":
                await RuntimeBenchmark.RunAsync(options);
                return 0;
            case "ingest":
                await IngestBenchmark.RunAsync(options);
                return 0;
            case "reads":
                await ReadsBenchmark.RunAsync(options);
                return 0;
            case "dense":
                await DenseCountyBenchmark.RunAsync(options);
                return 0;
            case "startup":
                await StartupBenchmark.RunAsync(options);
                return 0;
            case "search":
                await SearchBenchmark.RunAsync(options);
                return 0;
            case "audit":
                await AuditBenchmark.RunAsync(options);
                return 0;
            case BaselineServer.Command:
                await BaselineServer.RunAsync();
                return 0;
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project bench/Coverage.Bench -- <benchmark> [--option value ...]
              runtime   in-process grain calls per second vs. a Channel baseline
                        --keys 10000 --callers 1000 --calls 2000000 --rounds 5
              ingest    PUT /api/v1/orgs/{code}/figures from 64 clients vs. a bare Kestrel endpoint
                        --db sqlite,postgres --clients 64 --rate 0 (closed loop) --warmup 15 --seconds 10 --rounds 3 [--url http://host:port --key KEY]
              reads     GET /api/v1/orgs/{province}/children from 100 readers vs. GROUP BY ROLLUP in PostgreSQL and bare Kestrel
                        --db sqlite --readers 100 --rate 1000 (0: closed loop only) --seconds 10 --rounds 3
              dense     a county's own figures written in sequence, with ~1,000 grassroots unions and 60 stations below it vs. none
                        --db sqlite --units 1000 --stations 60 --writes 500 --rounds 3
              startup   the app started on a national-size tree, after a crash and settled: time to ready, peak memory;
                        then a reporting day on the settled app: new figures for --report units through figures:batch
                        --db sqlite --units 2800000 --stations 186100 --report 600000 (0: no reporting day)
              search    org search (GET /api/v1/orgs?q=) on a national tree in memory: first query, typical queries, after a registration
                        --units 2800000 --rounds 5
              audit     reads of a long audit log: a county's day today and long past, a key's week, a whole day
                        --db sqlite --rows 10000000 --days 30 --rounds 3
            PostgreSQL: --postgres "Host=...;Username=...;Database=postgres" or COVERAGE_BENCH_POSTGRES; a database is
            created for the run and dropped after it.
            """);
        return 2;
    }
}
