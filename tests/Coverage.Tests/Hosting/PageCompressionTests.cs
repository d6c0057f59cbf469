using System.IO.Compression;
using System.Net;
using Coverage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coverage.Tests.Hosting;

public sealed class PageCompressionTests
{
    [Theory]
    [InlineData("/lib/echarts.esm.min.js", "br")]
    [InlineData("/geo/450000.json", "gzip")]
    public async Task PageFilesAreCompressedForABrowserThatTakesItAndUnpackToTheFileOnDisk(string path, string encoding)
    {
        await using var app = await CoverageApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var sent = await response.Content.ReadAsByteArrayAsync();
        await using var packed = new MemoryStream(sent);
        await using Stream unpacking = encoding == "br" ? new BrotliStream(packed, CompressionMode.Decompress) : new GZipStream(packed, CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await unpacking.CopyToAsync(unpacked);
        await using var file = app.Service<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(path).CreateReadStream();
        using var onDisk = new MemoryStream();
        await file.CopyToAsync(onDisk);
        Assert.Equal(onDisk.ToArray(), unpacked.ToArray());
        Assert.True(sent.Length < onDisk.Length / 2, $"{path} went out as {sent.Length:N0} of its {onDisk.Length:N0} bytes");
    }

    [Fact]
    public async Task ApiAnswersAreNotCompressedSoTheWritePathSpendsNoCpuOnIt()
    {
        await using var app = await CoverageApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orgs/450000/children");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await app.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
