using System.Data.Common;

namespace TownLake.Bench;

/// <summary>
/// How a baseline reads a result: every value of every row materialised, as the API under test does, so a direct
/// engine call is not flattered by skipping the values it never looks at.
/// </summary>
public static class ResultReading
{
    /// <summary>Reads every row and value of <paramref name="reader"/>; returns the row count.</summary>
    public static long ReadAll(DbDataReader reader)
    {
        long rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}
