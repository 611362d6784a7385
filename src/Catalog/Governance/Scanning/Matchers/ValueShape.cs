namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Character counts of one value, computed once and shared by every matcher so most of them reject a value without
/// looking at it again.
/// </summary>
public readonly record struct ValueShape(int Length, int Digits, int Letters, int Upper, int Lower, int Spaces, int Dots, int Dashes, int Colons, int Ats, int Other)
{
    /// <summary>Counts the characters of <paramref name="value"/>.</summary>
    public static ValueShape Of(ReadOnlySpan<char> value)
    {
        int digits = 0, letters = 0, upper = 0, lower = 0, spaces = 0, dots = 0, dashes = 0, colons = 0, ats = 0, other = 0;
        foreach (var c in value)
        {
            switch (c)
            {
                case >= '0' and <= '9':
                    digits++;
                    break;
                case >= 'a' and <= 'z':
                    letters++;
                    lower++;
                    break;
                case >= 'A' and <= 'Z':
                    letters++;
                    upper++;
                    break;
                case ' ':
                    spaces++;
                    break;
                case '.':
                    dots++;
                    break;
                case '-':
                    dashes++;
                    break;
                case ':':
                    colons++;
                    break;
                case '@':
                    ats++;
                    break;
                default:
                    if (char.IsLetter(c))
                    {
                        letters++;
                        if (char.IsUpper(c))
                        {
                            upper++;
                        }
                        else
                        {
                            lower++;
                        }
                    }
                    else
                    {
                        other++;
                    }

                    break;
            }
        }

        return new ValueShape(value.Length, digits, letters, upper, lower, spaces, dots, dashes, colons, ats, other);
    }
}
