using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Contract;

public abstract partial class OutboxContract
{
    /// <summary>
    /// The engine's rows, with every delivered mark held back until <see cref="Release"/>, and the first
    /// <paramref name="failing"/> marks refused as a full disk refuses a write.
    /// </summary>
    private sealed class HeldMarks(IOutboxRows rows, int failing = 0) : IOutboxRows
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failing = failing;

        public event Action? Added
        {
            add => rows.Added += value;
            remove => rows.Added -= value;
        }

        public void Release() => _released.TrySetResult();

        public async Task<bool> MarkDeliveredAsync(OutboxRow row)
        {
            if (Interlocked.Decrement(ref _failing) >= 0)
            {
                throw new IOException("No space left on device");
            }

            await _released.Task;
            return await rows.MarkDeliveredAsync(row);
        }

        public void Add<TPayload>(string kind, string key, TPayload payload)
            where TPayload : class => rows.Add(kind, key, payload);

        public IReadOnlyList<OutboxRow> PendingRows(int limit) => rows.PendingRows(limit);

        public Task<OutboxClaim> ClaimAsync(int limit, TimeSpan lease) => rows.ClaimAsync(limit, lease);

        public Task<bool> RenewAsync(OutboxRow row, TimeSpan lease) => rows.RenewAsync(row, lease);

        public Task ReleaseAsync(IReadOnlyCollection<OutboxRow> claimed) => rows.ReleaseAsync(claimed);

        public Task WatchOtherInstancesAsync(Action wake, CancellationToken stop) => rows.WatchOtherInstancesAsync(wake, stop);

        public int Count(OutboxRowState state) => rows.Count(state);

        public Task<bool> ProgressAsync(OutboxRow row, int done) => rows.ProgressAsync(row, done);

        public Task<bool> RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason) => rows.RetryLaterAsync(row, attempts, due, reason);

        public Task<bool> ParkAsync(OutboxRow row, int attempts, string reason) => rows.ParkAsync(row, attempts, reason);

        public Task PurgeDeliveredAsync(TimeSpan age) => rows.PurgeDeliveredAsync(age);
    }
}
