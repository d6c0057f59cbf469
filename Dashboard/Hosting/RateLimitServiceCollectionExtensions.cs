using System.Globalization;
using System.Threading.RateLimiting;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Hosting;

public static class RateLimitServiceCollectionExtensions
{
    /// <summary>
    /// A token bucket per API key for writes (RateLimit:WritesPerSecond, RateLimit:Burst), and one per client address for API
    /// requests without a key (RateLimit:AnonymousRequestsPerSecond, RateLimit:AnonymousBurst); 429 with Retry-After beyond either.
    /// </summary>
    public static IHostApplicationBuilder AddCoverageRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection("RateLimit"))
            .Validate(o => o.WritesPerSecond >= 1 && o.Burst >= 1, "RateLimit:WritesPerSecond and RateLimit:Burst must each be at least 1.")
            .Validate(o => o.AnonymousRequestsPerSecond >= 0, "RateLimit:AnonymousRequestsPerSecond must not be negative; 0 turns the limit off.")
            .Validate(o => o.AnonymousBurst >= 1, "RateLimit:AnonymousBurst must be at least 1.")
            .Validate(o => o.HubCallsPerSecond >= 1, "RateLimit:HubCallsPerSecond must be at least 1.")
            .Validate(o => o.HubConnections >= 1 && o.HubConnectionsPerClient >= 1,
                "RateLimit:HubConnections and RateLimit:HubConnectionsPerClient must each be at least 1.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policies.WriteRate, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(context.User.KeyIdOf() ?? "", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.WritesPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(AnonymousPartition);
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>Requests with a key are limited per key where they write; the page's files and the hub are not API reads.</summary>
    private static RateLimitPartition<string> AnonymousPartition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (limits.AnonymousRequestsPerSecond == 0 || context.User.KeyIdOf() is not null || !context.Request.Path.StartsWithSegments("/api"))
            return RateLimitPartition.GetNoLimiter("not limited");
        // Partitions are kept by name, so an address must never share its name with the unlimited one.
        return RateLimitPartition.GetTokenBucketLimiter($"address {ClientAddress.Of(context.Connection.RemoteIpAddress)}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.AnonymousBurst,
            TokensPerPeriod = limits.AnonymousRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var anonymous = context.HttpContext.User.KeyIdOf() is null;
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = anonymous ? "Too many requests" : "Too many writes",
                Detail = (anonymous
                    ? new Message($"This address sent requests without an API key faster than the allowed rate; retry after {retryAfter} s, or send a reader key.",
                        $"此地址不带密钥的请求超过了允许的频率；请 {retryAfter} 秒后重试，或使用读取密钥。")
                    : new Message($"This API key sent writes faster than the allowed rate; retry after {retryAfter} s, or send many orgs in one batch.",
                        $"此密钥的写入超过了允许的频率；请 {retryAfter} 秒后重试，或将多个组织合为一批发送。")).In(Languages.Of(context.HttpContext.Request)),
            },
        });
    }
}
