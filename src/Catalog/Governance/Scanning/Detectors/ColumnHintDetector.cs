using System.Collections.Frozen;

namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>
/// Reads what people wrote: the column's name (<c>customer_email</c>, <c>dob</c>, <c>ssn</c>), its description, and its
/// table's name for bare <c>id</c> and <c>name</c> columns (an <c>id</c> in <c>customers</c> identifies a person).
/// Words that turn a PII word into something else (<c>email_verified</c>, <c>phone_country_code</c>,
/// <c>token_expires_at</c>) cancel the name hint; names of known look-alikes (<c>version</c>, <c>sku</c>, <c>sha256</c>,
/// <c>country_code</c>) are reported so weak value evidence does not win against them.
/// </summary>
public sealed class ColumnHintDetector : IColumnDetector
{
    /// <summary>Phrases by category, in priority order: the first category with a phrase in the name wins.</summary>
    private static readonly (PiiCategory Category, string[][] Phrases)[] Hints =
    [
        (PiiCategory.Secret, P("password", "passwd", "pwd", "passphrase", "secret", "token", "api key", "apikey", "private key", "privatekey",
            "access key", "accesskey", "secret key", "secretkey", "credential", "credentials", "client secret", "bearer", "signing key")),
        (PiiCategory.PaymentCard, P("card number", "cardnumber", "card no", "card num", "cc number", "ccnumber", "cc num", "credit card",
            "creditcard", "debit card", "pan", "ccn", "primary account number")),
        (PiiCategory.BankAccount, P("iban", "account number", "accountnumber", "account no", "acct no", "acct number", "acct num", "bank account",
            "bankaccount", "routing number", "routing", "aba", "sort code", "sortcode", "bsb")),
        (PiiCategory.GovernmentId, P("ssn", "social security", "national id", "nationalid", "national insurance", "nino", "passport",
            "tax id", "taxid", "tin", "sin", "driver license", "drivers license", "driving licence", "driver licence", "license number",
            "licence number", "dni", "nie", "nif", "bsn", "aadhaar", "pesel", "personnummer", "cpf", "curp", "government id", "id card", "identity card")),
        (PiiCategory.DateOfBirth, P("dob", "birth", "birthday", "birthdate", "date of birth", "dateofbirth", "born", "birth date")),
        (PiiCategory.Email, P("email", "e mail", "mail", "emailaddress", "email address")),
        (PiiCategory.Phone, P("phone", "telephone", "tel", "mobile", "cell", "cellphone", "msisdn", "fax", "phonenumber", "phone number", "contact number")),
        (PiiCategory.IpAddress, P("ip", "ipv4", "ipv6", "ipaddress", "ip address", "ipaddr", "remote addr", "client addr", "x forwarded for")),
        (PiiCategory.GeoLocation, P("lat", "lng", "lon", "latitude", "longitude", "geo", "geolocation", "coordinates", "coords", "geopoint",
            "geom", "geometry", "latlng", "latlon", "lat long", "gps")),
        (PiiCategory.PostalAddress, P("address", "street", "addr", "address line", "postcode", "postal code", "postalcode", "zip", "zipcode",
            "zip code", "post code", "house number", "street address", "mailing address", "billing address", "shipping address", "home address")),
        (PiiCategory.PersonName, P("first name", "firstname", "last name", "lastname", "full name", "fullname", "surname", "given name",
            "givenname", "family name", "familyname", "middle name", "maiden name", "contact name", "customer name", "person name",
            "cardholder", "cardholder name", "holder name", "employee name", "patient name", "user full name", "forename")),
        (PiiCategory.UserIdentifier, P("user id", "userid", "uid", "customer id", "customerid", "member id", "memberid", "person id",
            "employee id", "employeeid", "patient id", "subscriber id", "visitor id", "anonymous id", "anon id", "device id", "deviceid",
            "cookie id", "advertising id", "idfa", "gaid", "username", "user name", "login", "user", "customer number", "member number",
            "customer ref", "user uuid", "user guid", "profile id", "player id", "student id", "account holder id", "contact id", "guest id")),
    ];

    /// <summary>Words that make a PII word describe something else: a flag, a count, a time, a setting.</summary>
    private static readonly FrozenSet<string> Disqualifiers = FrozenSet.Create(StringComparer.Ordinal,
        "is", "has", "sent", "verified", "verification", "count", "cnt", "flag", "opt", "optin", "optout", "consent", "enabled", "valid",
        "validated", "bounced", "bounce", "domain", "type", "status", "format", "length", "len", "provider", "template", "subject",
        "policy", "rule", "expires", "expiry", "expiration", "expired", "last4", "first6", "bin", "brand", "network", "country", "code",
        "prefix", "ext", "extension", "at", "date", "time", "ts", "version", "ttl", "limit", "min", "max", "avg", "total",
        "changed", "updated", "reset", "attempts", "strength", "hint", "rotation", "rotated", "scope", "scopes", "kind", "category",
        "range", "region", "city", "state", "level", "mask", "masked", "required", "visible", "public", "issuer", "server", "host",
        "port", "agent", "method", "key", "last", "first", "role", "roles", "group", "groups", "permission", "permissions", "preference",
        "preferences", "setting", "settings", "segment", "tier", "plan", "language", "locale", "timezone");

    /// <summary>Name words of columns that hold values resembling PII but are not: versions, product and order codes, digests, times, codes.</summary>
    private static readonly FrozenSet<string> LookAlikes = FrozenSet.Create(StringComparer.Ordinal,
        "version", "ver", "semver", "release", "build", "sku", "product", "item", "part", "model", "isbn", "ean", "upc", "gtin", "asin",
        "hash", "checksum", "md5", "sha", "sha1", "sha256", "sha512", "digest", "etag", "crc", "fingerprint", "commit",
        "timestamp", "ts", "order", "invoice", "shipment", "tracking", "serial", "batch", "lot", "sequence",
        "country", "currency", "iso", "locale", "lang", "language", "code", "status", "type", "category", "color", "colour", "size",
        "price", "amount", "quantity", "qty", "count", "score", "ratio", "rate", "percent", "duration", "ms", "bytes");

    /// <summary>Table words (singular) naming people: a bare id or name column there identifies or names a person.</summary>
    private static readonly FrozenSet<string> PersonTables = FrozenSet.Create(StringComparer.Ordinal,
        "customer", "user", "member", "employee", "staff", "people", "person", "patient", "contact", "subscriber", "student", "author",
        "passenger", "guest", "driver", "applicant", "candidate", "visitor", "lead", "recipient", "client", "player", "traveler",
        "traveller", "buyer", "seller", "tenant", "resident", "donor", "volunteer", "worker", "teacher", "doctor", "account holder",
        "cardholder", "profile", "signup", "registration", "identity");

    public string Name => "column-hints";

    public IReadOnlyList<DetectorEvidence> Examine(ColumnSample column)
    {
        var evidence = new List<DetectorEvidence>();
        var words = IdentifierWords.Of(column.Name);
        var named = FromName(words);
        if (named is { } category)
        {
            evidence.Add(new DetectorEvidence(category, "column-name", EvidenceKind.Name, 0, EvidenceStrength.Moderate));
        }
        else if (FromTable(column, words) is { } contextual)
        {
            evidence.Add(new DetectorEvidence(contextual, "table-name", EvidenceKind.Name, 0, EvidenceStrength.Weak));
        }
        else if (words.Any(LookAlikes.Contains))
        {
            evidence.Add(new DetectorEvidence(PiiCategory.None, "look-alike-name", EvidenceKind.LookAlike, 0, EvidenceStrength.Moderate));
        }

        var commentWords = IdentifierWords.Of(column.Comment);
        foreach (var (hinted, phrases) in Hints)
        {
            if (phrases.Any(p => IdentifierWords.IndexOf(commentWords, p) >= 0))
            {
                evidence.Add(new DetectorEvidence(hinted, "column-comment", EvidenceKind.Comment, 0, EvidenceStrength.Weak));
                break;
            }
        }

        return evidence;
    }

    /// <summary>The category the column name points at, unless another word of the name says it describes something else.</summary>
    private static PiiCategory? FromName(IReadOnlyList<string> words)
    {
        foreach (var (category, phrases) in Hints)
        {
            foreach (var phrase in phrases)
            {
                var at = IdentifierWords.IndexOf(words, phrase);
                if (at >= 0 && !DisqualifiedOutside(words, at, phrase.Length))
                {
                    return category;
                }
            }
        }

        return null;
    }

    private static bool DisqualifiedOutside(IReadOnlyList<string> words, int at, int length)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if ((i < at || i >= at + length) && Disqualifiers.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static PiiCategory? FromTable(ColumnSample column, IReadOnlyList<string> words)
    {
        var table = IdentifierWords.Of(column.Table).Select(Singular).ToList();
        if (!table.Any(PersonTables.Contains))
        {
            return null;
        }

        if (words is ["id"] or ["uuid"] or ["guid"] or ["key"] or ["ref"] || (column.IsPrimaryKey && words.Count == 1))
        {
            return PiiCategory.UserIdentifier;
        }

        return words is ["name"] or ["display", "name"] or ["nickname"] ? PiiCategory.PersonName : null;
    }

    private static string Singular(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    private static string[][] P(params string[] phrases) => phrases.Select(p => p.Split(' ')).ToArray();
}
