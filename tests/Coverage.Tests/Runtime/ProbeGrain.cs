using Coverage.Runtime;
using Coverage.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Runtime;

public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters, yields mid-turn, and leaves; records how many turns were ever inside at once.</summary>
    Task<int> EnterAndYield();

    Task<int> MaxConcurrentTurns();

    Task<string> GetValue();

    Task SetValue(string value, bool write);

    Task Fail(string message);

    Task Sleep(TimeSpan duration);

    Task StartTimer(TimeSpan period, TimeSpan callbackDuration);

    Task<int> TimerRuns();
}

public static class ProbeServices
{
    /// <summary>The probe grain and the log it reports to.</summary>
    public static IServiceCollection AddProbeGrain(this IServiceCollection services)
    {
        services.AddSingleton<ProbeLog>();
        return services.AddGrain<IProbeGrain, ProbeGrain>();
    }
}

public sealed class ProbeState
{
    public string Value { get; set; } = "";
}

/// <summary>A grain that watches for the runtime breaking its promises: overlapping turns, double activation.</summary>
public sealed class ProbeGrain(IGrainContext context, [PersistentState("probe")] IPersistentState<ProbeState> state, ProbeLog log)
    : IProbeGrain, IGrainBase
{
    private int _inside;
    private int _maxInside;
    private int _calls;
    private int _timerRuns;

    public Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Activated(context.Key);
        return Task.CompletedTask;
    }

    public async Task<int> EnterAndYield()
    {
        await InsideAsync(async () =>
        {
            await Task.Yield();
            if (++_calls % 7 == 0)
                await Task.Delay(1);
        });
        return _calls;
    }

    public Task<int> MaxConcurrentTurns() => Task.FromResult(_maxInside);

    public Task<string> GetValue() => Task.FromResult(state.State.Value);

    public async Task SetValue(string value, bool write)
    {
        state.State.Value = value;
        if (write)
            await state.WriteStateAsync();
    }

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);

    public Task StartTimer(TimeSpan period, TimeSpan callbackDuration)
    {
        context.RegisterTimer(_ => InsideAsync(async () =>
        {
            _timerRuns++;
            await Task.Delay(callbackDuration);
        }), period, period);
        return Task.CompletedTask;
    }

    public Task<int> TimerRuns() => Task.FromResult(_timerRuns);

    private async Task InsideAsync(Func<Task> body)
    {
        var inside = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, inside);
        await body();
        Interlocked.Decrement(ref _inside);
    }
}
