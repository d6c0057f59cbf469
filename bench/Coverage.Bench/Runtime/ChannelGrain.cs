using System.Threading.Channels;

namespace Coverage.Bench.Runtime;

/// <summary>
/// The baseline: the same grain object behind a Channel and one consumer loop, which is what the runtime does minus
/// the directory, the proxy and the turn bookkeeping.
/// </summary>
public sealed class ChannelGrain : IBenchGrain
{
    private readonly Channel<(Request Request, bool Yield)> _requests = Channel.CreateUnbounded<(Request, bool)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BenchGrain _grain = new();
    private readonly Task _loop;

    public ChannelGrain() => _loop = Task.Run(ConsumeAsync);

    public Task<int> Ping(int value) => Send(value, yield: false);

    public Task<int> PingAfterYield(int value) => Send(value, yield: true);

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
            while (reader.TryRead(out var item))
            {
                var (request, yield) = item;
                request.Completion.TrySetResult(await (yield ? _grain.PingAfterYield(request.Value) : _grain.Ping(request.Value)));
            }
        }
    }

    private Task<int> Send(int value, bool yield)
    {
        var request = new Request(value);
        _requests.Writer.TryWrite((request, yield));
        return request.Completion.Task;
    }

    private sealed class Request(int value)
    {
        public int Value => value;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
