namespace SupportBot.Tests.Storage.Contract;

/// <summary>A contract test class's storage: one engine over one fresh database per test, chosen by the subclass.</summary>
public abstract class StorageContract : IDisposable
{
    private readonly IStorageUnderTest _storage;

    // Opened here, not lazily: the tests call the stores from many threads at once.
#pragma warning disable CA2214 // The subclasses only choose the engine; they have no state of their own to be half-made.
    protected StorageContract() => _storage = Open();
#pragma warning restore CA2214

    private protected IStorageUnderTest Storage => _storage;

    public void Dispose()
    {
        _storage.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected abstract IStorageUnderTest Open();
}
