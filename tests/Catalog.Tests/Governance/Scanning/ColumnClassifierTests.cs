using System.Globalization;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Governance.Scanning;
using static TownLake.Catalog.Tests.Governance.Scanning.ScanningTestColumns;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>Whole columns through every shipped detector: PII found with its evidence, look-alikes left alone.</summary>
public sealed class ColumnClassifierTests
{
    private static readonly string[] Given = ["Aiko", "Bram", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kwame", "Lena", "Mateo", "Nadia", "Oscar", "Priya"];
    private static readonly string[] Family = ["Lindqvist", "Okafor", "Rossi", "Tanaka", "Schmidt", "Moreau", "Walsh", "Haddad", "Kowalski", "Pereira", "Nguyen", "Brennan"];
    private static readonly string[] Streets = ["Maple", "Harbor", "Juniper", "Kingsley", "Oakridge", "Station", "Willow", "Elm"];

    [Fact]
    public void Emails_under_an_unhelpful_name_are_found_from_their_values()
    {
        var finding = Classifier.Classify(Column("c7", Generate(300, (r, i) => $"{Given[r.Next(Given.Length)].ToLowerInvariant()}.{i}@example{r.Next(9)}.net")));
        Assert.Equal(PiiCategory.Email, finding.Category);
        Assert.Contains("email-syntax", finding.Detectors);
        Assert.Equal(1.0, finding.MatchRatio);
        Assert.True(finding.Confidence >= 0.9, $"confidence {finding.Confidence}");
    }

    [Fact]
    public void A_name_hint_lowers_the_share_of_values_needed_for_dirty_columns()
    {
        // 30% real addresses, the rest placeholders: not enough from values alone, enough beside the column name.
        var values = Generate(200, (r, i) => i % 10 < 3 ? $"user{i}@corp.example" : "n/a").ToList();
        Assert.Equal(PiiCategory.Email, Classifier.Classify(Column("contact_email", values)).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("remarks", values)).Category);
    }

    [Fact]
    public void Payment_cards_are_found_and_random_sixteen_digit_ids_are_not()
    {
        var cards = Classifier.Classify(Column("pan_token_source", Generate(400, (r, _) => Luhn(r, r.Next(2) == 0 ? "4" : "51", 16))));
        Assert.Equal(PiiCategory.PaymentCard, cards.Category);
        var ids = Classifier.Classify(Column("reference", Generate(400, (r, _) => "4" + Digits(r, 15))));
        Assert.Equal(PiiCategory.None, ids.Category);
    }

    [Fact]
    public void Phone_numbers_in_national_and_international_notation_are_found()
    {
        var finding = Classifier.Classify(Column("contact", Generate(300, (r, i) => i % 2 == 0
            ? $"+33 6 {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)} {Digits(r, 2)}"
            : $"({r.Next(2, 10)}{Digits(r, 2)}) {r.Next(2, 10)}{Digits(r, 2)}-{Digits(r, 4)}")));
        Assert.Equal(PiiCategory.Phone, finding.Category);
    }

    [Fact]
    public void Full_names_are_found_from_the_dictionary_even_when_some_names_are_unknown()
    {
        var finding = Classifier.Classify(Column("holder", Generate(300, (r, _) => $"{Given[r.Next(Given.Length)]} {Family[r.Next(Family.Length)]}")));
        Assert.Equal(PiiCategory.PersonName, finding.Category);
    }

    [Fact]
    public void A_name_column_in_a_table_of_people_is_a_person_name_but_in_a_table_of_products_is_not()
    {
        var values = Generate(200, (r, _) => $"{Family[r.Next(Family.Length)]} {Family[r.Next(Family.Length)]}").ToList();
        Assert.Equal(PiiCategory.PersonName, Classifier.Classify(Column("name", values, table: "contacts")).Category);
        var products = Generate(200, (r, _) => $"{Streets[r.Next(Streets.Length)]} Lamp {r.Next(1, 9)}").ToList();
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("name", products, table: "products")).Category);
    }

    [Fact]
    public void Street_addresses_are_found()
    {
        var finding = Classifier.Classify(Column("ship_to", Generate(300, (r, _) => $"{r.Next(1, 999)} {Streets[r.Next(Streets.Length)]} {(r.Next(2) == 0 ? "Road" : "Avenue")}, Springfield")));
        Assert.Equal(PiiCategory.PostalAddress, finding.Category);
    }

    [Fact]
    public void Dates_of_birth_are_told_from_order_dates_and_timestamps()
    {
        var births = Generate(300, (r, _) => Today.AddDays(-r.Next(18 * 365, 85 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(PiiCategory.DateOfBirth, Classifier.Classify(Column("d1", births)).Category);
        var orders = Generate(300, (r, _) => Today.AddDays(-r.Next(0, 900)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("placed_on", orders)).Category);
        var stamps = Generate(300, (r, _) => new DateTime(1950, 1, 1).AddMinutes(r.Next(1, 30_000_000)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToList();
        Assert.NotEqual(PiiCategory.DateOfBirth, Classifier.Classify(Column("event_time", stamps)).Category);
        Assert.Equal(PiiCategory.DateOfBirth, Classifier.Classify(Column("birth_date", orders)).Category);
    }

    [Fact]
    public void Secrets_are_found_by_prefix_and_by_entropy_but_hex_digests_are_not()
    {
        Assert.Equal(PiiCategory.Secret, Classifier.Classify(Column("x", Generate(100, (r, _) => "ghp_" + Alphanumeric(r, 36)))).Category);
        Assert.Equal(PiiCategory.Secret, Classifier.Classify(Column("webhook_signing", Generate(100, (r, _) => Alphanumeric(r, 40)))).Category);
        var digests = Generate(100, (r, _) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(r.Next())))).ToList();
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("content_digest", digests)).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("blob_ref", digests)).Category);
    }

    [Fact]
    public void Government_ids_with_check_digits_are_found()
    {
        Assert.Equal(PiiCategory.GovernmentId, Classifier.Classify(Column("tax_ref", Generate(200, (r, _) => $"{r.Next(1, 665):000}-{r.Next(1, 99):00}-{r.Next(1, 9999):0000}"))).Category);
        Assert.Equal(PiiCategory.GovernmentId, Classifier.Classify(Column("ssn", Generate(200, (r, _) => $"{r.Next(1, 665):000}{r.Next(1, 99):00}{r.Next(1, 9999):0000}"))).Category);
    }

    [Fact]
    public void Bank_accounts_are_found_from_ibans()
    {
        var ibans = new[] { "DE89370400440532013000", "GB82WEST12345698765432", "NL91ABNA0417164300", "FR1420041010050500013M02606", "BE68539007547034" };
        Assert.Equal(PiiCategory.BankAccount, Classifier.Classify(Column("payout_to", Generate(100, (r, _) => ibans[r.Next(ibans.Length)]))).Category);
    }

    [Fact]
    public void Ip_addresses_are_found_but_version_columns_are_not()
    {
        Assert.Equal(PiiCategory.IpAddress, Classifier.Classify(Column("origin", Generate(200, (r, _) => $"{r.Next(1, 223)}.{r.Next(256)}.{r.Next(256)}.{r.Next(1, 255)}"))).Category);
        var versions = Generate(200, (r, _) => $"{r.Next(1, 12)}.{r.Next(0, 20)}.{r.Next(0, 9)}.{r.Next(0, 300)}").ToList();
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("agent_version", versions)).Category);
    }

    [Fact]
    public void Coordinates_are_found_as_pairs_and_as_hinted_separate_columns()
    {
        Assert.Equal(PiiCategory.GeoLocation, Classifier.Classify(Column("pos", Generate(200, (r, _) => $"{r.NextDouble() * 120 - 60:0.00000}, {r.NextDouble() * 300 - 150:0.00000}"))).Category);
        Assert.Equal(PiiCategory.GeoLocation, Classifier.Classify(Column("pickup_lat", Generate(200, (r, _) => $"{r.NextDouble() * 120 - 60:0.000000}"))).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("unit_price", Generate(200, (r, _) => $"{r.NextDouble() * 100:0.0000}"))).Category);
    }

    [Fact]
    public void User_ids_need_a_hint_and_order_ids_with_the_same_shape_stay_unflagged()
    {
        var ids = Generate(300, (_, _) => Guid.NewGuid().ToString()).ToList();
        var user = Classifier.Classify(Column("user_id", ids));
        Assert.Equal(PiiCategory.UserIdentifier, user.Category);
        Assert.Contains(user.Detectors, d => d.StartsWith("identifier-shape", StringComparison.Ordinal));
        Assert.Equal(PiiCategory.UserIdentifier, Classifier.Classify(Column("id", ids, table: "customers", primaryKey: true)).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("order_id", ids)).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("id", ids, table: "invoices", primaryKey: true)).Category);
    }

    [Theory]
    [InlineData("email_verified")]
    [InlineData("phone_country_code")]
    [InlineData("token_expires_at")]
    [InlineData("is_email_bounced")]
    [InlineData("user_agent")]
    public void Names_that_describe_a_pii_column_are_not_hints(string name)
    {
        var finding = Classifier.Classify(Column(name, Generate(100, (r, _) => r.Next(2) == 0 ? "true" : "false")));
        Assert.Equal(PiiCategory.None, finding.Category);
    }

    [Fact]
    public void Values_that_contradict_a_name_hint_win()
    {
        var finding = Classifier.Classify(Column("email", Generate(100, (r, _) => r.Next(1, 100_000).ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(PiiCategory.None, finding.Category);
    }

    [Fact]
    public void An_empty_column_is_classified_from_its_name_with_low_confidence()
    {
        var finding = Classifier.Classify(Column("date_of_birth", Enumerable.Repeat<string?>(null, 50)));
        Assert.Equal(PiiCategory.DateOfBirth, finding.Category);
        Assert.Equal(0, finding.MatchRatio);
        Assert.InRange(finding.Confidence, 0.3, 0.6);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("notes", [])).Category);
    }

    [Fact]
    public void A_comment_hint_alone_classifies_an_empty_column()
    {
        var finding = Classifier.Classify(Column("c_17", [], comment: "The customer's mobile phone number, as typed at signup."));
        Assert.Equal(PiiCategory.Phone, finding.Category);
        Assert.Contains("column-comment", finding.Detectors);
    }

    [Theory]
    [InlineData("sku", "SKU-{0:00000}-B")]
    [InlineData("c1", "{0}.{1}.{2}")]
    [InlineData("country_code", "DE")]
    [InlineData("created_at", "2025-03-{3:00} 10:{1:00}:00")]
    [InlineData("c2", "ORD-2025-{0:000000}")]
    public void Look_alikes_are_not_pii(string name, string format)
    {
        var finding = Classifier.Classify(Column(name, Generate(200, (r, i) => string.Format(CultureInfo.InvariantCulture, format, i, r.Next(60), r.Next(10), r.Next(1, 28)))));
        Assert.Equal(PiiCategory.None, finding.Category);
        Assert.Equal(name, finding.Column);
    }

    [Fact]
    public void Findings_carry_detector_names_and_ratios_never_values()
    {
        var values = Generate(50, (_, i) => $"secret.person{i}@example.org").ToList();
        var finding = Classifier.Classify(Column("who", values));
        Assert.DoesNotContain(finding.Detectors, d => values.Any(v => d.Contains(v!, StringComparison.Ordinal)));
        Assert.DoesNotContain("secret.person", string.Join(" ", finding.Detectors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_mixing_id_formats_of_one_category_counts_them_together()
    {
        var finding = Classifier.Classify(Column("c3", Generate(300, (r, i) => (i % 3) switch
        {
            0 => $"{r.Next(1, 665):000}-{r.Next(1, 99):00}-{r.Next(1, 9999):0000}",
            1 => "AB 12 34 56 C",
            _ => "12345678Z",
        })));
        Assert.Equal(PiiCategory.GovernmentId, finding.Category);
        Assert.Contains(finding.Detectors, d => d.Contains('+'));
    }

    [Fact]
    public void Names_the_dictionary_mostly_misses_are_still_names_when_it_confirms_a_third()
    {
        string[] unknownGiven = ["Tobiah", "Wrenna", "Quillon", "Saoirse", "Evander"];
        string[] unknownFamily = ["Pemberton", "Zamfir", "Oduya", "Kallas", "Thorsby"];
        var finding = Classifier.Classify(Column("c9", Generate(300, (r, i) => i % 5 < 2
            ? $"{Given[r.Next(Given.Length)]} {Family[r.Next(Family.Length)]}"
            : $"{unknownGiven[r.Next(unknownGiven.Length)]} {unknownFamily[r.Next(unknownFamily.Length)]}")));
        Assert.Equal(PiiCategory.PersonName, finding.Category);
        string[] cities = ["Reykjavik", "Antofagasta", "Tromso", "Valparaiso", "Kaunas", "Nagoya"];
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("c10", Generate(300, (r, _) => cities[r.Next(cities.Length)]))).Category);
    }
}
