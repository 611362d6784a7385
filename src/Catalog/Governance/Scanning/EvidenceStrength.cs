namespace TownLake.Catalog.Governance.Scanning;

/// <summary>How much one piece of value evidence proves on its own.</summary>
public enum EvidenceStrength
{
    /// <summary>A pattern only a category's values fit, or one checked by a validator (Luhn, IBAN mod 97, token prefixes).</summary>
    Strong,

    /// <summary>A shape most values of the category have and few others (formatted national phone numbers, street lines, name dictionaries).</summary>
    Moderate,

    /// <summary>A shape many unrelated values share too (nine bare digits, one given name); it counts only with a name or comment hint.</summary>
    Weak,
}
