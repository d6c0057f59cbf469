using System.Threading.Channels;

namespace Coverage.Bench.Runtime;

/// <summary>
/// The baseline: the same grain object behind a Channel and one consumer loop, which is what the runtime does minus
/// the directory, the proxy and the turn bookkeeping.
/// </summary>
public sealed class ChannelGrain : IBenchGrain
{
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BenchGrain _grain = new();
    private readonly Task _loop;

    public ChannelGrain() => _loop = Task.Run(ConsumeAsync);

    public Task<int> Ping(int value)
    {
        var request = new Request(value);
        _requests.Writer.TryWrite(request);
        return request.Completion.Task;
    }

    public Task StopAsync()
    {
        _requests.Writer.TryComplete();
        return _loop;
    }

    private async Task ConsumeAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var request))
                request.Completion.TrySetResult(await _grain.Ping(request.Value));
        }
    }

    private sealed class Request(int value)
    {
        public int Value => value;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
