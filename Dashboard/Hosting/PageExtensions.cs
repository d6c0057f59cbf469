using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Coverage.Dashboard.Hosting;

/// <summary>The web page's files from wwwroot, compressed for browsers that take it: about 1.5 MB of map and chart code otherwise.</summary>
public static class PageExtensions
{
    /// <summary>Only the page's files: API answers are small, and compressing them would cost the ingest path CPU.</summary>
    private static readonly PathString[] PageFolders = ["/lib", "/geo", "/js", "/css"];

    public static WebApplicationBuilder AddCoveragePage(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // These files hold no secret for a compression side channel to reveal.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json"];
        });
        // .NET's optimal levels are moderate ones (not Brotli's slowest): the chart library, the largest file, in about 20-35 ms.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return builder;
    }

    public static WebApplication UseCoveragePage(this WebApplication app)
    {
        app.UseWhen(context => IsPageFile(context.Request.Path), page => page.UseResponseCompression());
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Asked of every request, the ingest path's included, so it allocates nothing.</summary>
    private static bool IsPageFile(PathString path)
    {
        if (path == "/" || path == "/index.html")
            return true;
        foreach (var folder in PageFolders)
        {
            if (path.StartsWithSegments(folder))
                return true;
        }
        return false;
    }
}
