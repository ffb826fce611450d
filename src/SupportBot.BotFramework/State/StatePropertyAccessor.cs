using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.State;

/// <summary>Reads and writes one typed property of a <see cref="BotState"/>.</summary>
public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValue, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

internal sealed class StatePropertyAccessor<T>(BotState state, string name) : IStatePropertyAccessor<T>
{
    public string Name => name;

    public async Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(defaultValue);
        var cached = await state.GetCachedAsync(turnContext, cancellationToken)
            ?? throw new InvalidOperationException($"The activity does not identify whose '{name}' this is.");
        if (cached.Values.TryGetValue(name, out var live) && live is T typed)
        {
            return typed;
        }

        if (cached.TryRead<T>(name, out var stored))
        {
            cached.HandOut(name, stored, CachedState.ToJson(stored));
            return stored;
        }

        var fresh = defaultValue();
        cached.HandOut(name, fresh, CachedState.ToJson(fresh));
        return fresh;
    }

    public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
    {
        var cached = await state.GetCachedAsync(turnContext, cancellationToken)
            ?? throw new InvalidOperationException($"The activity does not identify whose '{name}' this is.");
        if (!cached.Values.ContainsKey(name))
        {
            cached.HandOut(name, value, null);
        }

        cached.Values[name] = value;
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (await state.GetCachedAsync(turnContext, cancellationToken) is { } cached)
        {
            cached.Remove(name);
        }
    }
}

/// <summary>Saves the given states after every turn that changed them.</summary>
public sealed class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(cancellationToken);
        foreach (var state in states)
        {
            await state.SaveChangesAsync(turnContext, cancellationToken);
        }
    }
}
