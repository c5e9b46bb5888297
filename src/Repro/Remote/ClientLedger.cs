namespace Repro.Remote;

/// <summary>
/// The server's per-client accounts: images answered (what the query limit counts), requests refused, and the last
/// answers by request id, so a request the client retries after a lost answer (its timeout fired after the server had
/// answered) is answered again without being charged again. A client is the Repro-Client-Id header when sent, else its
/// address: fine for rehearsing an audit on loopback, not an authentication scheme.
/// </summary>
public sealed class ClientLedger
{
    public const string ClientHeader = "Repro-Client-Id";

    readonly object gate = new();
    readonly Dictionary<string, Account> accounts = new(StringComparer.Ordinal);
    readonly long? limit;
    readonly int remembered;

    public ClientLedger(long? limit, int remembered)
    {
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "the per-client query limit must be >= 0");
        this.limit = limit;
        this.remembered = Math.Max(0, remembered);
    }

    /// <summary>One client's totals.</summary>
    public sealed record Usage(string Client, long ImagesAnswered, long Requests, long Repeated, long Refused);

    sealed class Account(string client)
    {
        public string Client { get; } = client;
        public long Images;
        public long Requests;
        public long Repeated;
        public long Refused;
        public readonly Dictionary<string, byte[]> Answers = new(StringComparer.Ordinal);
        public readonly Queue<string> Order = new();
    }

    public IReadOnlyList<Usage> Snapshot()
    {
        lock (gate) return accounts.Values.Select(a => new Usage(a.Client, a.Images, a.Requests, a.Repeated, a.Refused)).OrderBy(u => u.Client).ToArray();
    }

    public long TotalImagesAnswered { get { lock (gate) return accounts.Values.Sum(a => a.Images); } }

    /// <summary>The stored answer to a request id this client already had answered, or null.</summary>
    public byte[]? Repeat(string client, string? id)
    {
        if (id is null) return null;
        lock (gate)
        {
            var account = For(client);
            if (!account.Answers.TryGetValue(id, out var answer)) return null;
            account.Repeated++;
            return answer;
        }
    }

    /// <summary>The 429 message when the client has no image of its limit left (checked before its request body is read), else null.</summary>
    public string? Exhausted(string client)
    {
        lock (gate)
        {
            if (limit is not { } max) return null;
            var account = For(client);
            if (account.Images < max) return null;
            account.Refused++;
            return $"query limit reached: client '{client}' has had all {max} of its images answered";
        }
    }

    /// <summary>
    /// Reserves <paramref name="images"/> of the client's limit before they are evaluated (so concurrent requests cannot
    /// overrun it together): null when granted, otherwise why not (the 429 message).
    /// </summary>
    public string? Reserve(string client, long images)
    {
        lock (gate)
        {
            var account = For(client);
            if (limit is { } max && account.Images + images > max)
            {
                account.Refused++;
                return $"query limit reached: client '{client}' has had {account.Images} of its {max} images answered, and this request " +
                       $"of {images} would exceed the limit. Nothing of it was evaluated or charged";
            }
            account.Images += images;
            return null;
        }
    }

    /// <summary>Gives back a reservation whose images were not answered (the evaluation failed).</summary>
    public void Release(string client, long images)
    {
        lock (gate) For(client).Images -= images;
    }

    /// <summary>Records an answered request and remembers its answer under its id.</summary>
    public void Answered(string client, string? id, byte[] answer)
    {
        lock (gate)
        {
            var account = For(client);
            account.Requests++;
            if (id is null || remembered == 0 || account.Answers.ContainsKey(id)) return;
            account.Answers[id] = answer;
            account.Order.Enqueue(id);
            while (account.Order.Count > remembered) account.Answers.Remove(account.Order.Dequeue());
        }
    }

    Account For(string client)
    {
        if (!accounts.TryGetValue(client, out var account)) accounts[client] = account = new Account(client);
        return account;
    }
}
