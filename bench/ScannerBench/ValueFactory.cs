using System.Globalization;
using System.Text;

namespace TownLake.ScannerBench;

/// <summary>
/// Realistic values for the generated warehouse, written independently of the scanner's detectors: its own name lists
/// (about half of them absent from the scanner's dictionary), its own check-digit code, its own formats.
/// </summary>
public static class ValueFactory
{
    private static readonly string[] Given =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Sofia", "Ethan", "Zoe", "Mateo", "Chloe", "Arjun", "Ines", "Yara",
        "Kenji", "Freya", "Tariq", "Maren", "Oskar", "Leila", "Caius", "Niamh", "Dario", "Esme", "Bjorn", "Anouk", "Rafael", "Thandiwe",
        "Soren", "Ilse", "Matteo", "Aoife", "Farhan", "Greta", "Hamza", "Ingrid", "Jasper", "Kalani", "Lorenzo",
    ];

    private static readonly string[] Family =
    [
        "Smith", "Garcia", "Nguyen", "Kim", "Patel", "Müller", "Rossi", "Okafor", "Silva", "Kowalski", "Andersen", "Dubois", "Tanaka",
        "Haddad", "Ivanova", "Brennan", "Lindqvist", "Achterberg", "Vasquez", "Oyelaran", "Castellanos", "Whitfield", "Marchetti",
        "Nakashima", "Fairbanks", "Delacroix", "Hollings", "Szabo", "Rautio", "Quintero", "Abernathy", "Vukovic", "Elmsworth",
    ];

    private static readonly string[] Streets = ["Maple", "Cedar", "Harbor", "Mill", "Station", "Church", "Kingfisher", "Orchard", "Lakeview", "Chestnut", "Brook", "Hawthorn"];
    private static readonly string[] StreetTypes = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Way", "Court", "Boulevard"];
    private static readonly string[] Cities = ["Springfield", "Riverton", "Oakham", "Lyon", "Leeds", "Portland", "Graz", "Utrecht", "Bergen", "Tarragona"];
    private static readonly string[] Domains = ["example.com", "mail.example.org", "corp.example.net", "inbox.example.io", "example.co.uk"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "NL", "ES", "IT", "SE", "JP", "BR", "IN", "CA"];
    private static readonly string[] Statuses = ["active", "pending", "cancelled", "shipped", "refunded", "on_hold"];
    private static readonly string[] Words = ["quarterly", "report", "delivery", "widget", "invoice", "priority", "customer", "review", "update", "shipment", "backlog", "sprint", "release", "migration"];
    private static readonly string[] ProductNouns = ["Widget", "Lamp", "Kettle", "Router", "Backpack", "Notebook", "Blender", "Speaker"];
    private static readonly string[] ProductAdjectives = ["Ultra", "Compact", "Classic", "Smart", "Deluxe", "Nordic", "Solar", "Pro"];
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static readonly DateOnly Today = new(2026, 11, 30);

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    public static string Digits(Random r, int n)
    {
        var text = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            text.Append((char)('0' + r.Next(10)));
        }

        return text.ToString();
    }

    private static string Chars(Random r, int n, string alphabet)
    {
        var text = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            text.Append(alphabet[r.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    public static string GivenName(Random r) => Pick(r, Given);

    public static string FamilyName(Random r) => Pick(r, Family);

    public static string FullName(Random r) => r.Next(10) == 0 ? $"{FamilyName(r)}, {GivenName(r)}" : $"{GivenName(r)} {FamilyName(r)}";

    public static string Email(Random r) => r.Next(3) switch
    {
        0 => $"{GivenName(r).ToLowerInvariant()}.{FamilyName(r).ToLowerInvariant().Replace("ü", "ue")}@{Pick(r, Domains)}",
        1 => $"{GivenName(r)[0]}{FamilyName(r).Replace("ü", "u")}{r.Next(100)}@{Pick(r, Domains)}".ToLowerInvariant(),
        _ => $"user{r.Next(1_000_000)}+tag@{Pick(r, Domains)}",
    };

    public static string Phone(Random r) => r.Next(4) switch
    {
        0 => $"+1 {r.Next(201, 990)} {r.Next(200, 999)} {Digits(r, 4)}",
        1 => $"+44 7{Digits(r, 3)} {Digits(r, 6)}",
        2 => $"({r.Next(201, 990)}) {r.Next(200, 999)}-{Digits(r, 4)}",
        _ => $"+49{Digits(r, 10)}",
    };

    public static string Street(Random r) => r.Next(5) == 0
        ? $"{Pick(r, Streets)}straße {r.Next(1, 200)}, {r.Next(10000, 99999)} {Pick(r, Cities)}"
        : $"{r.Next(1, 9999)} {Pick(r, Streets)} {Pick(r, StreetTypes)}, {Pick(r, Cities)}";

    public static string UkPostcode(Random r) =>
        $"{Chars(r, r.Next(1, 3), "ABEGLMNSW")}{r.Next(1, 20)} {r.Next(1, 10)}{Chars(r, 2, "ABDEFGHJLNPQRSTUWXYZ")}";

    public static string Ipv4(Random r) => $"{r.Next(1, 224)}.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}";

    public static string Ip(Random r) => r.Next(5) == 0 ? $"2001:db8:{r.Next(65536):x}::{r.Next(65536):x}" : Ipv4(r);

    public static string Ssn(Random r)
    {
        var area = r.Next(1, 900);
        return $"{(area == 666 ? 667 : area):000}-{r.Next(1, 100):00}-{r.Next(1, 10000):0000}";
    }

    public static string GovernmentId(Random r)
    {
        switch (r.Next(3))
        {
            case 0:
                return Ssn(r);
            case 1:
                return $"{Chars(r, 1, "ABCEGHJKLMNOPRSTWXYZ")}{Chars(r, 1, "ABCEGHJKLMNPRSTWXYZ")}{Digits(r, 6)}{Chars(r, 1, "ABCD")}";
            default:
                var number = r.Next(10_000_000, 99_999_999);
                return $"{number}{"TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]}";
        }
    }

    public static string Card(Random r)
    {
        var (prefix, length) = r.Next(4) switch
        {
            0 => ("4", 16),
            1 => ($"5{r.Next(1, 6)}", 16),
            2 => (r.Next(2) == 0 ? "34" : "37", 15),
            _ => ("6011", 16),
        };
        var body = prefix + Digits(r, length - prefix.Length - 1);
        var number = body + LuhnCheckDigit(body);
        return r.Next(3) == 0 && length == 16 ? string.Join(' ', Enumerable.Range(0, 4).Select(i => number.Substring(i * 4, 4))) : number;
    }

    private static int LuhnCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - sum % 10) % 10;
    }

    public static string Iban(Random r)
    {
        var (country, bban) = r.Next(4) switch
        {
            0 => ("DE", Digits(r, 18)),
            1 => ("GB", Chars(r, 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + Digits(r, 14)),
            2 => ("NL", Chars(r, 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + Digits(r, 10)),
            _ => ("FR", Digits(r, 23)),
        };
        var check = 98 - Mod97(bban + country + "00");
        var iban = $"{country}{check:00}{bban}";
        return r.Next(3) == 0 ? string.Join(' ', iban.Chunk(4).Select(c => new string(c))) : iban;
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var part = char.IsDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture);
            foreach (var d in part)
            {
                remainder = (remainder * 10 + (d - '0')) % 97;
            }
        }

        return remainder;
    }

    public static DateOnly BirthDate(Random r) => Today.AddDays(-r.Next(18 * 365, 90 * 365));

    public static DateOnly RecentDate(Random r) => Today.AddDays(-r.Next(0, 1_500));

    public static DateTime Timestamp(Random r) => new DateTime(2024, 1, 1).AddSeconds(r.Next(0, 60_000_000));

    public static string LatLongPair(Random r) => r.Next(4) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"POINT({r.NextDouble() * 360 - 180:0.000000} {r.NextDouble() * 180 - 90:0.000000})")
        : string.Create(CultureInfo.InvariantCulture, $"{r.NextDouble() * 180 - 90:0.00000}, {r.NextDouble() * 360 - 180:0.00000}");

    public static double Latitude(Random r) => Math.Round(r.NextDouble() * 180 - 90, 6);

    public static double Longitude(Random r) => Math.Round(r.NextDouble() * 360 - 180, 6);

    public static string Secret(Random r) => r.Next(7) switch
    {
        0 => "ghp_" + Chars(r, 36, Base62),
        1 => "sk_live_" + Chars(r, 24, Base62),
        2 => "AKIA" + Chars(r, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
        3 => "xoxb-" + Digits(r, 12) + "-" + Digits(r, 13) + "-" + Chars(r, 24, Base62),
        4 => "eyJhbGciOiJIUzI1NiJ9.eyJ" + Chars(r, 40, Base62) + "." + Chars(r, 43, Base62 + "-_"),
        5 => "$2b$12$" + Chars(r, 53, Base62 + "./"),
        _ => Chars(r, 40, Base62),
    };

    public static string UserId(Random r) => r.Next(3) switch
    {
        0 => Uuid(r).ToString(),
        1 => r.Next(100_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
        _ => "usr_" + Chars(r, 16, "0123456789abcdef"),
    };

    public static string Version(Random r) => r.Next(3) == 0 ? $"v{r.Next(0, 5)}.{r.Next(0, 30)}.{r.Next(0, 20)}-rc.{r.Next(1, 5)}" : $"{r.Next(0, 12)}.{r.Next(0, 40)}.{r.Next(0, 200)}";

    public static string FourPartVersion(Random r) => $"{r.Next(1, 11)}.{r.Next(0, 5)}.{r.Next(0, 30000)}.{r.Next(0, 2000)}";

    public static string ProductCode(Random r) => r.Next(2) == 0 ? $"SKU-{Digits(r, 5)}-{Chars(r, 2, "ABCDEFGHJKLMNPRSTUVWXYZ")}" : $"{Chars(r, 3, "ABCDEFGHJKLMNPRSTUVWXYZ")}{Digits(r, 4)}";

    public static string Hash(Random r) => Chars(r, r.Next(3) switch { 0 => 32, 1 => 40, _ => 64 }, "0123456789abcdef");

    public static string OrderId(Random r) => r.Next(2) == 0 ? $"ORD-{r.Next(2019, 2027)}-{Digits(r, 6)}" : $"INV{Digits(r, 9)}";

    public static string Country(Random r) => Pick(r, Countries);

    public static string Status(Random r) => Pick(r, Statuses);

    public static string Sentence(Random r) => string.Join(' ', Enumerable.Range(0, r.Next(4, 12)).Select(_ => Pick(r, Words))) + ".";

    public static string ProductName(Random r) => $"{Pick(r, ProductAdjectives)} {Pick(r, ProductNouns)} {r.Next(100, 9000)}";

    public static string Url(Random r) => $"https://www.example.com/{Pick(r, Words)}/{r.Next(10_000)}?ref={Pick(r, Words)}";

    public static string TrackingNumber(Random r) => $"1Z{Chars(r, 6, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ")}{Digits(r, 10)}";

    public static string OpaqueRequestId(Random r) => Uuid(r).ToString("N");

    private static Guid Uuid(Random r)
    {
        Span<byte> bytes = stackalloc byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static string Decimal2(Random r, double max) => (r.NextDouble() * max).ToString("0.00", CultureInfo.InvariantCulture);
}
