using System.Net;
using Coverage.Dashboard.Auth;
using Coverage.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class HubAuthenticationTests
{
    [Fact]
    public async Task HubRequestsAuthenticateWithTheAccessTokenInTheQuery()
    {
        await using var app = await CoverageApp.StartAsync(services: s => s.AddSingleton<IStartupFilter, HubProbe>());
        var key = await app.CreateKeyAsync(Xingning, "reader");
        var anonymous = app.ClientWithKey(null);

        Assert.Equal(Xingning, await anonymous.GetStringAsync($"/hubs/probe?access_token={Uri.EscapeDataString(key)}"));
        Assert.Equal("anonymous", await anonymous.GetStringAsync("/hubs/probe?access_token=cov_wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/orgs/{Xingning}?access_token={Uri.EscapeDataString(key)}")).StatusCode);
    }

    /// <summary>Stands where the SignalR hub will be: answers with the org of whoever the API-key scheme says is calling.</summary>
    private sealed class HubProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/hubs/probe", probe => probe.Run(async context =>
            {
                var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
                await context.Response.WriteAsync(result.Principal?.OrgOf() ?? "anonymous");
            }));
            next(app);
        };
    }
}
