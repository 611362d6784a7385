namespace TownLake.Catalog.Governance;

/// <summary>Governance settings (<c>TownLake:Governance</c>).</summary>
public sealed class GovernanceOptions
{
    public const string Section = "TownLake:Governance";

    /// <summary>
    /// Who may review datasets and columns, classify columns, grant and revoke access and decide requests: comma-separated
    /// user or group names. Administrators (including the embedded default's local admin) are reviewers too.
    /// </summary>
    public string? Reviewers { get; set; }

    /// <summary>
    /// Connections opened on purpose (comma-separated names, e.g. public reference data): their datasets and columns
    /// register approved instead of pending, and the register entry says it was this setting.
    /// </summary>
    public string? OpenConnections { get; set; }

    /// <summary>When true, an approved dataset is readable only with an unexpired grant; when false, every signed-in user reads approved datasets (PII stays redacted).</summary>
    public bool RequireGrants { get; set; }

    /// <summary>The secret masked values are hashed with; when empty, a random key is created once in the data directory (<c>governance-mask.key</c>).</summary>
    public string? MaskKey { get; set; }

    /// <summary>The longest a grant or a request may run (default 90 days).</summary>
    public TimeSpan MaxGrantDuration { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest reason or note accepted, in characters.</summary>
    public int MaxReasonLength { get; set; } = 2000;

    /// <summary>The secret Trino sends (as the <c>token</c> query parameter) to load the rules from <c>/api/governance/trino/rules.json</c>; unset: reviewers only.</summary>
    public string? TrinoRulesToken { get; set; }

    /// <summary>
    /// The secret Trino's <c>opa</c> access control sends to <c>/api/governance/trino/opa/*</c> (as the <c>token</c>
    /// query parameter of the configured URIs); at least 32 characters.
    /// </summary>
    public string? TrinoOpaToken { get; set; }

    /// <summary>
    /// Networks (comma-separated CIDR, e.g. <c>10.0.0.0/8</c>) whose peers may ask the OPA endpoint without the token:
    /// the Trino coordinators' network. With neither this nor <see cref="TrinoOpaToken"/>, the endpoint answers nobody.
    /// </summary>
    public string? TrinoOpaNetworks { get; set; }

    /// <summary>The parsed <see cref="TrinoOpaNetworks"/> (the validator refuses a malformed entry at start-up).</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedOpaNetworks() =>
        (TrinoOpaNetworks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>()
            .ToList();

    /// <summary>The set of opened connection names.</summary>
    public IReadOnlySet<string> OpenedConnections() =>
        new HashSet<string>((OpenConnections ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
