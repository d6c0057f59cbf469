using System.Buffers;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a request body up to a limit, so an oversized body is refused (413) before it is parsed.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
            return length > limit ? null : await ReadExactlyAsync(request.Body, (int)length, cancellationToken);
        return await ReadToEndAsync(request.Body, limit, cancellationToken);
    }

    /// <summary>A body of declared length goes straight into an array of that size; the server holds it to that length.</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    /// <summary>A chunked body is copied out through a pooled buffer, counting as it goes.</summary>
    private static async Task<byte[]?> ReadToEndAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                    return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
