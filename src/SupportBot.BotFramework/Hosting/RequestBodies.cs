using Microsoft.AspNetCore.Http;

namespace SupportBot.BotFramework.Hosting;

public static class RequestBodies
{
    /// <summary>
    /// The whole body, or null when it is longer than <paramref name="limit"/> bytes. Checked while reading, not
    /// only by Content-Length, so a chunked body cannot grow past the limit in memory.
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(this HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
