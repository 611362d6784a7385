namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Credentials recognisable by their published shape: cloud and SaaS API keys with fixed prefixes (AWS <c>AKIA…</c>,
/// GitHub <c>ghp_…</c>, GitLab <c>glpat-…</c>, Slack <c>xoxb-…</c>, Stripe <c>sk_live_…</c>, Google <c>AIza…</c>, npm,
/// SendGrid, OpenAI/Anthropic <c>sk-…</c>), JSON Web Tokens, PEM private keys, password hashes in modular crypt format
/// (bcrypt, argon2, scrypt, PBKDF2) and URLs or connection strings that carry a password.
/// </summary>
public sealed class SecretTokenMatcher : ValueMatcher
{
    private static readonly (string Prefix, int MinRest, string Alphabet)[] Prefixes =
    [
        ("ghp_", 30, AlphaNumeric), ("gho_", 30, AlphaNumeric), ("ghu_", 30, AlphaNumeric), ("ghs_", 30, AlphaNumeric), ("ghr_", 30, AlphaNumeric),
        ("github_pat_", 22, AlphaNumeric + "_"), ("glpat-", 20, AlphaNumeric + "_-"),
        ("xoxb-", 10, AlphaNumeric + "-"), ("xoxp-", 10, AlphaNumeric + "-"), ("xoxa-", 10, AlphaNumeric + "-"), ("xoxr-", 10, AlphaNumeric + "-"),
        ("xoxs-", 10, AlphaNumeric + "-"), ("xapp-", 10, AlphaNumeric + "-"),
        ("sk_live_", 16, AlphaNumeric), ("sk_test_", 16, AlphaNumeric), ("rk_live_", 16, AlphaNumeric), ("rk_test_", 16, AlphaNumeric), ("whsec_", 16, AlphaNumeric),
        ("sk-ant-", 20, AlphaNumeric + "_-"), ("sk-proj-", 20, AlphaNumeric + "_-"), ("sk-", 32, AlphaNumeric + "_-"),
        ("AIza", 35, AlphaNumeric + "_-"), ("npm_", 36, AlphaNumeric), ("SG.", 60, AlphaNumeric + "_-."), ("shpat_", 32, "0123456789abcdef"),
        ("hf_", 30, AlphaNumeric), ("pypi-", 50, AlphaNumeric + "_-"), ("dop_v1_", 64, "0123456789abcdef"),
    ];

    private static readonly string[] AwsKeyPrefixes = ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"];
    private static readonly string[] CryptPrefixes = ["$2a$", "$2b$", "$2y$", "$argon2id$", "$argon2i$", "$argon2d$", "$scrypt$", "$6$", "$5$", "pbkdf2_sha256$", "pbkdf2_sha1$"];

    private const string AlphaNumeric = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Base64Url = AlphaNumeric + "-_";

    public override string Name => "token-prefix";

    public override PiiCategory Category => PiiCategory.Secret;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length < 16)
        {
            return false;
        }

        if (value.StartsWith("-----BEGIN ", StringComparison.Ordinal))
        {
            var header = value[..Math.Min(value.Length, 64)];
            return header.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
        }

        if (value.Contains('=') && IsConnectionStringWithPassword(value))
        {
            return true;
        }

        if (shape.Spaces != 0)
        {
            return false;
        }

        if (shape.Length == 20 && shape.Upper + shape.Digits == 20)
        {
            foreach (var prefix in AwsKeyPrefixes)
            {
                if (value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        if (value.StartsWith("eyJ", StringComparison.Ordinal) && shape.Dots == 2)
        {
            return IsJwt(value);
        }

        if (value[0] is '$' or 'p')
        {
            foreach (var prefix in CryptPrefixes)
            {
                if (value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return shape.Length >= prefix.Length + 20;
                }
            }
        }

        foreach (var (prefix, minRest, alphabet) in Prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = value[prefix.Length..];
                return rest.Length >= minRest && !rest.ContainsAnyExcept(alphabet);
            }
        }

        return shape.Colons > 0 && shape.Ats > 0 && IsUrlWithPassword(value);
    }

    private static bool IsJwt(ReadOnlySpan<char> value)
    {
        var parts = 0;
        foreach (var range in value.Split('.'))
        {
            var part = value[range];
            // header and payload are base64url JSON objects; the signature may be empty (alg "none").
            if ((parts < 2 && part.Length < 10) || part.ContainsAnyExcept(Base64Url))
            {
                return false;
            }

            parts++;
        }

        return parts == 3 && value[value.IndexOf('.')..].StartsWith(".eyJ", StringComparison.Ordinal);
    }

    /// <summary><c>scheme://user:password@host…</c>: a URL that embeds its password.</summary>
    private static bool IsUrlWithPassword(ReadOnlySpan<char> value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        var authority = value[(scheme + 3)..];
        var end = authority.IndexOfAny('/', '?', '#');
        if (end >= 0)
        {
            authority = authority[..end];
        }

        var at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var colon = authority[..at].IndexOf(':');
        return colon > 0 && colon < at - 1;
    }

    /// <summary>ADO.NET/libpq style settings with a non-empty password (<c>Host=db;Password=…</c>, <c>host=db password=…</c>).</summary>
    private static bool IsConnectionStringWithPassword(ReadOnlySpan<char> value)
    {
        foreach (var key in (ReadOnlySpan<string>)["password=", "pwd=", "Password=", "PWD=", "PASSWORD="])
        {
            var at = value.IndexOf(key, StringComparison.Ordinal);
            if (at >= 0 && at + key.Length < value.Length && value[at + key.Length] is not (';' or ' ') && (at == 0 || value[at - 1] is ';' or ' '))
            {
                return true;
            }
        }

        return false;
    }
}
