namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>The check-digit algorithms the validators share.</summary>
public static class CheckDigits
{
    /// <summary>Luhn (mod 10) over the digits of <paramref name="value"/>, ignoring spaces and dashes; false when anything else appears.</summary>
    public static bool Luhn(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9')
            {
                return false;
            }

            var digit = c - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
            count++;
        }

        return count > 1 && sum % 10 == 0;
    }

    /// <summary>ISO 7064 mod 97-10 as IBANs use it: letters count as 10..35; the remainder of a valid IBAN (rearranged) is 1.</summary>
    public static int Mod97(ReadOnlySpan<char> alphanumeric)
    {
        var remainder = 0;
        foreach (var c in alphanumeric)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else
            {
                var n = char.ToUpperInvariant(c) - 'A' + 10;
                remainder = (remainder * 100 + n) % 97;
            }
        }

        return remainder;
    }

    /// <summary>Copies the ASCII digits of <paramref name="value"/> into <paramref name="digits"/>; returns how many (−1 when there are more than fit).</summary>
    public static int DigitsOf(ReadOnlySpan<char> value, Span<int> digits)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                if (n == digits.Length)
                {
                    return -1;
                }

                digits[n++] = c - '0';
            }
        }

        return n;
    }
}
