using LiteDB;

namespace SupportBot.Storage;

/// <summary>The door every call into the engine passes, and the query reader that holds it until disposed.</summary>
internal sealed partial class ReopenableLiteEngine
{
    /// <summary>Counts who is inside; shut, it lets nobody new in (except a thread already inside) until opened again.</summary>
    private sealed class Door
    {
        private readonly object _lock = new();
        private int _inside;
        private bool _shut;

        /// <param name="alreadyInside">
        /// The caller holds the door already (its explicit transaction): it passes even when the door is shut, since the
        /// reopen waits for it to leave and would otherwise wait on a caller that waits on the reopen.
        /// </param>
        public void Enter(bool alreadyInside)
        {
            lock (_lock)
            {
                while (_shut && !alreadyInside)
                {
                    Monitor.Wait(_lock);
                }

                _inside++;
            }
        }

        public void Leave()
        {
            lock (_lock)
            {
                if (--_inside == 0 && _shut)
                {
                    Monitor.PulseAll(_lock);
                }
            }
        }

        public bool TryShut(TimeSpan drain)
        {
            var deadline = Environment.TickCount64 + (long)drain.TotalMilliseconds;
            lock (_lock)
            {
                _shut = true;
                while (_inside > 0)
                {
                    var left = deadline - Environment.TickCount64;
                    if (left <= 0 || !Monitor.Wait(_lock, (int)left))
                    {
                        if (_inside == 0)
                        {
                            return true;
                        }

                        _shut = false;
                        Monitor.PulseAll(_lock);
                        return false;
                    }
                }

                return true;
            }
        }

        public void Open()
        {
            lock (_lock)
            {
                _shut = false;
                Monitor.PulseAll(_lock);
            }
        }
    }

    /// <summary>A query's reader, holding the door until it is disposed (LiteDB holds the query's transaction as long).</summary>
    private sealed class CountedReader(IBsonDataReader inner, Door door) : IBsonDataReader
    {
        private int _disposed;

        public BsonValue this[string field] => inner[field];
        public string Collection => inner.Collection;
        public BsonValue Current => inner.Current;
        public bool HasValues => inner.HasValues;
        public bool Read() => inner.Read();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                inner.Dispose();
            }
            finally
            {
                door.Leave();
            }
        }
    }
}
