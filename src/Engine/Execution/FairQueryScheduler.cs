namespace TownLake.Engine.Execution;

/// <summary>
/// Hands out the runner's execution slots fairly: each user has a FIFO queue, a free slot goes to the waiting user
/// with the fewest running runs (round-robin among equals), and no user holds more than a per-user number of slots. So behind four slow queries of one
/// user, another user's <c>SELECT 1</c> is the next to run rather than the fifth in line.
/// </summary>
internal sealed class FairQueryScheduler(int maxConcurrent, int maxConcurrentPerUser)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Ticket>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);

    // Users with waiting runs, in the order they are next served; a served user goes to the back.
    private readonly LinkedList<string> _turns = new();
    private int _runningTotal;

    /// <summary>A place in a user's queue; <see cref="Admitted"/> completes when it holds a slot.</summary>
    public sealed class Ticket(string user)
    {
        private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string User { get; } = user;

        public Task Admitted => _admitted.Task;

        /// <summary>Set under the scheduler's lock when the ticket left its queue without running.</summary>
        internal bool Withdrawn { get; set; }

        internal void Admit() => _admitted.TrySetResult();
    }

    /// <summary>Queues a run of <paramref name="user"/>; it may be admitted at once.</summary>
    public Ticket Enqueue(string user)
    {
        var ticket = new Ticket(user);
        lock (_gate)
        {
            if (!_waiting.TryGetValue(user, out var queue))
            {
                queue = new Queue<Ticket>();
                _waiting[user] = queue;
                _turns.AddLast(user);
            }

            queue.Enqueue(ticket);
            Dispatch();
        }

        return ticket;
    }

    /// <summary>
    /// Takes a waiting ticket out of its queue (cancelled or timed out before it ran). False when it was admitted in the
    /// meantime: the caller then holds a slot and must <see cref="Release"/> it.
    /// </summary>
    public bool Withdraw(Ticket ticket)
    {
        lock (_gate)
        {
            if (ticket.Admitted.IsCompleted)
            {
                return false;
            }

            ticket.Withdrawn = true;
            if (_waiting.TryGetValue(ticket.User, out var queue))
            {
                // Queues are short (a user's queue limit), so rebuilding one is cheap and keeps no dead tickets.
                var kept = new Queue<Ticket>(queue.Where(t => !t.Withdrawn));
                if (kept.Count == 0)
                {
                    _waiting.Remove(ticket.User);
                    _turns.Remove(ticket.User);
                }
                else
                {
                    _waiting[ticket.User] = kept;
                }
            }

            return true;
        }
    }

    /// <summary>Gives back the slot of an admitted ticket and admits the next runs.</summary>
    public void Release(Ticket ticket)
    {
        lock (_gate)
        {
            _runningTotal--;
            if (--_running[ticket.User] == 0)
            {
                _running.Remove(ticket.User);
            }

            Dispatch();
        }
    }

    private void Dispatch()
    {
        while (_runningTotal < maxConcurrent)
        {
            // The waiting user with the fewest running runs goes next; among equals, the one whose turn came first.
            LinkedListNode<string>? chosen = null;
            var fewest = int.MaxValue;
            for (var node = _turns.First; node is not null; node = node.Next)
            {
                var running = _running.GetValueOrDefault(node.Value);
                if (running < maxConcurrentPerUser && running < fewest)
                {
                    chosen = node;
                    fewest = running;
                }
            }

            if (chosen is null)
            {
                return;
            }

            var user = chosen.Value;
            var queue = _waiting[user];
            var ticket = queue.Dequeue();
            _runningTotal++;
            _running[user] = fewest + 1;
            // Served: this user waits behind everyone else for its next slot.
            _turns.Remove(chosen);
            if (queue.Count > 0)
            {
                _turns.AddLast(chosen);
            }
            else
            {
                _waiting.Remove(user);
            }

            ticket.Admit();
        }
    }
}
