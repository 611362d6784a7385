using TownLake.Engine.Connectors;

namespace TownLake.Engine.Sampling;

/// <summary>
/// Which table to sample and how much of it: the first <paramref name="Rows"/> rows the source returns, each value cut to
/// <paramref name="MaxValueChars"/> characters, stopping early once <paramref name="MaxBytes"/> of text is held.
/// </summary>
/// <param name="Connection">The connection the table belongs to (its name is the first part of the dataset name).</param>
/// <param name="Schema">Schema of the table in that connection.</param>
/// <param name="Table">Table, view or file-dataset name.</param>
/// <param name="Rows">Rows to read at most (1 to <see cref="MaxRows"/>).</param>
/// <param name="Timeout">Wall-clock limit of the whole sample; past it the engine is interrupted.</param>
/// <param name="MaxValueChars">Characters kept of one value; longer values are cut (a detector never needs more).</param>
/// <param name="MaxBytes">Characters × 2 held by the whole sample at most; reading stops there and the sample says so.</param>
public sealed record SampleRequest(
    ConnectionSettings Connection,
    string Schema,
    string Table,
    int Rows,
    TimeSpan Timeout,
    int MaxValueChars = SampleRequest.DefaultMaxValueChars,
    long MaxBytes = SampleRequest.DefaultMaxBytes)
{
    /// <summary>The most rows one sample may ask for.</summary>
    public const int MaxRows = 100_000;

    /// <summary>1,024 characters: enough for any address, token or PEM header, small enough to bound a hostile column.</summary>
    public const int DefaultMaxValueChars = 1_024;

    /// <summary>32 MiB of text per table sample.</summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable field.</summary>
    public void Validate()
    {
        if (Rows is < 1 or > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"A sample reads 1 to {MaxRows:N0} rows.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "A sample needs a positive timeout.");
        }

        if (MaxValueChars < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxValueChars), MaxValueChars, "A sample keeps at least one character per value.");
        }

        if (MaxBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "A sample needs a positive byte budget.");
        }

        if (string.IsNullOrEmpty(Schema) || string.IsNullOrEmpty(Table))
        {
            throw new ArgumentException("A sample names a schema and a table.", nameof(Table));
        }
    }
}
