using TownLake.Catalog.Governance;
using TownLake.Catalog.Governance.Scanning.Matchers;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>Each value matcher on values of its category and on near misses that share most of the shape.</summary>
public sealed class ValueMatcherTests
{
    private static readonly PersonNameDictionary Names = PersonNameDictionary.LoadEmbedded();

    private static bool Matches(ValueMatcher matcher, string value) => matcher.Matches(value.AsSpan().Trim(), ValueShape.Of(value.AsSpan().Trim()));

    [Theory]
    [InlineData("ana.garcia@example.org")]
    [InlineData("o'brien+news@mail.co.uk")]
    [InlineData("x@ab.io")]
    [InlineData("FIRST_LAST@Sub-Domain.Example.COM")]
    public void Email_matcher_accepts_addresses(string value) => Assert.True(Matches(new EmailMatcher(), value));

    [Theory]
    [InlineData("user@localhost")]
    [InlineData("not an email@x.com")]
    [InlineData("a@b@c.com")]
    [InlineData("first..last@example.com")]
    [InlineData("@example.com")]
    [InlineData("release@1.2.3")]
    [InlineData("user@-bad-.com")]
    public void Email_matcher_refuses_near_misses(string value) => Assert.False(Matches(new EmailMatcher(), value));

    [Theory]
    [InlineData("+14155552671")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+49-30-901820")]
    public void E164_matcher_accepts_international_numbers(string value) => Assert.True(Matches(new E164PhoneMatcher(), value));

    [Theory]
    [InlineData("+1 555")]
    [InlineData("+0123456789")]
    [InlineData("+1-800-FLOWERS")]
    [InlineData("14155552671")]
    [InlineData("+1234567890123456789")]
    public void E164_matcher_refuses_near_misses(string value) => Assert.False(Matches(new E164PhoneMatcher(), value));

    [Theory]
    [InlineData("(212) 555-0142")]
    [InlineData("212-555-0142")]
    [InlineData("1 212 555 0142")]
    [InlineData("020 7946 0958")]
    [InlineData("06 12 34 56 78")]
    public void National_phone_matcher_accepts_formatted_numbers(string value) => Assert.True(Matches(new NationalPhoneMatcher(), value));

    [Theory]
    [InlineData("2024-01-15")]
    [InlineData("123-456-7890")]
    [InlineData("10.0.0.1")]
    [InlineData("12:30:45")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("2125550142")]
    [InlineData("15.03.2024")]
    public void National_phone_matcher_refuses_dates_ids_and_bare_digits(string value) => Assert.False(Matches(new NationalPhoneMatcher(), value));

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5555-5555-5555-4444")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("2223003122003222")]
    public void Card_matcher_accepts_luhn_valid_numbers_of_card_networks(string value) => Assert.True(Matches(new PaymentCardMatcher(), value));

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("1234567812345670")]
    [InlineData("ORD-4111111111111111")]
    [InlineData("41111111111")]
    [InlineData("9111111111111111")]
    public void Card_matcher_refuses_failed_checks_and_unknown_issuers(string value) => Assert.False(Matches(new PaymentCardMatcher(), value));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89370400440532013000")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300")]
    public void Iban_matcher_accepts_valid_check_digits(string value) => Assert.True(Matches(new IbanMatcher(), value));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    [InlineData("DE8937040044053201300")]
    [InlineData("XX89370400440532013000")]
    [InlineData("DE89-3704-0044-0532-0130-00")]
    public void Iban_matcher_refuses_wrong_checksum_length_or_country(string value) => Assert.False(Matches(new IbanMatcher(), value));

    [Theory]
    [InlineData("021000021", true)]
    [InlineData("011000015", true)]
    [InlineData("123456789", false)]
    [InlineData("02100002", false)]
    public void Aba_matcher_checks_the_weighted_sum(string value, bool expected) => Assert.Equal(expected, Matches(new AbaRoutingMatcher(), value));

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db8::ff00:42:8329")]
    [InlineData("fe80::1")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    public void Ip_matcher_accepts_v4_and_v6(string value) => Assert.True(Matches(new IpAddressMatcher(), value));

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData("10:20:30")]
    [InlineData("00:1A:2B:3C:4D:5E")]
    [InlineData("1.2.3.4.5")]
    [InlineData("2024.01.15")]
    public void Ip_matcher_refuses_versions_times_and_mac_addresses(string value) => Assert.False(Matches(new IpAddressMatcher(), value));

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ")]
    [InlineData("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA")]
    [InlineData("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")]
    [InlineData("postgres://app:s3cr3t@db.internal:5432/shop")]
    [InlineData("Host=db;Username=app;Password=hunter2")]
    public void Secret_matcher_accepts_known_token_shapes(string value) => Assert.True(Matches(new SecretTokenMatcher(), value));

    [Theory]
    [InlineData("AKIA1234")]
    [InlineData("ghp_short")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIC")]
    [InlineData("https://example.com/path?x=1")]
    [InlineData("eyJ.not.a-token")]
    [InlineData("sk_live_!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("postgres://db.internal:5432/shop")]
    [InlineData("Password=;Host=db")]
    public void Secret_matcher_refuses_near_misses(string value) => Assert.False(Matches(new SecretTokenMatcher(), value));

    [Theory]
    [InlineData("aZ3kQ9xL2mP7vB1nR8tY4wE6", true)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", false)]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", false)]
    [InlineData("ThisIsMyProductName2024", false)]
    [InlineData("ORD-2024-000123", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAaaaa1111", false)]
    public void Entropy_matcher_flags_random_tokens_but_not_digests_ids_or_words(string value, bool expected) =>
        Assert.Equal(expected, Matches(new HighEntropyMatcher(), value));

    [Theory]
    [InlineData("123-45-6789", true)]
    [InlineData("078 05 1120", true)]
    [InlineData("000-12-3456", false)]
    [InlineData("666-12-3456", false)]
    [InlineData("900-12-3456", false)]
    [InlineData("123-00-4567", false)]
    [InlineData("123-45-0000", false)]
    [InlineData("123-456-789", false)]
    [InlineData("123-45 6789", false)]
    public void Ssn_matcher_applies_the_ssa_rules(string value, bool expected) => Assert.Equal(expected, Matches(new UsSsnMatcher(), value));

    [Theory]
    [InlineData("AB 12 34 56 C", true)]
    [InlineData("QQ 12 34 56 C", false)]
    [InlineData("AB123456D", true)]
    [InlineData("QQ123456E", false)]
    [InlineData("DA123456A", false)]
    [InlineData("GB123456A", false)]
    public void Nino_matcher_applies_the_prefix_and_suffix_rules(string value, bool expected) => Assert.Equal(expected, Matches(new UkNinoMatcher(), value));

    [Theory]
    [InlineData("130 692 544", true)]
    [InlineData("130-692-544", true)]
    [InlineData("130 692 545", false)]
    [InlineData("046 454 286", false)]
    [InlineData("130 69 2544", false)]
    public void Sin_matcher_checks_luhn_and_grouping(string value, bool expected) => Assert.Equal(expected, Matches(new CanadianSinMatcher(), value));

    [Theory]
    [InlineData("12345678Z", true)]
    [InlineData("12345678-Z", true)]
    [InlineData("X1234567L", true)]
    [InlineData("12345678A", false)]
    [InlineData("1234567Z", false)]
    public void Dni_matcher_checks_the_control_letter(string value, bool expected) => Assert.Equal(expected, Matches(new SpanishDniMatcher(), value));

    [Theory]
    [InlineData("47.6062, -122.3321", true)]
    [InlineData("POINT(-0.1276 51.5072)", true)]
    [InlineData("(35.6895 139.6917)", true)]
    [InlineData("1.5, 2.5", false)]
    [InlineData("95.1234, 10.1234", false)]
    [InlineData("1.2.3", false)]
    public void Geo_pair_matcher_needs_precise_in_range_pairs(string value, bool expected) => Assert.Equal(expected, Matches(new GeoPairMatcher(), value));

    [Theory]
    [InlineData("221B Baker Street", true)]
    [InlineData("1600 Pennsylvania Ave NW, Washington, DC 20500", true)]
    [InlineData("Hauptstraße 5", true)]
    [InlineData("Via Roma 10, Milano", true)]
    [InlineData("12 rue de Rivoli, Paris", true)]
    [InlineData("3 Pack Dr Pepper", false)]
    [InlineData("12 Monkeys", false)]
    [InlineData("Route 66", false)]
    [InlineData("Street Fighter 2", false)]
    public void Street_matcher_needs_a_number_and_a_street_type(string value, bool expected) => Assert.Equal(expected, Matches(new StreetAddressMatcher(), value));

    [Theory]
    [InlineData("SW1A 1AA", true)]
    [InlineData("M1 1AE", true)]
    [InlineData("K1A 0B1", true)]
    [InlineData("94105-1804", true)]
    [InlineData("SW1A1AAA", false)]
    [InlineData("ABC 123", false)]
    [InlineData("12345", false)]
    [InlineData("sw1a 1aa", false)]
    public void Postcode_matcher_accepts_distinctive_postal_codes(string value, bool expected) => Assert.Equal(expected, Matches(new PostcodeMatcher(), value));

    [Theory]
    [InlineData("Maria Garcia", true)]
    [InlineData("Garcia, Maria", true)]
    [InlineData("Jean-Pierre Dubois", true)]
    [InlineData("John F. Kennedy", true)]
    [InlineData("Siobhan O'Connor", true)]
    [InlineData("Blue Widget", false)]
    [InlineData("Acme Corp", false)]
    [InlineData("maria garcia", false)]
    [InlineData("Maria Garcia 2", false)]
    public void Full_name_matcher_needs_a_known_given_or_family_name(string value, bool expected) => Assert.Equal(expected, Matches(new FullNameMatcher(Names), value));

    [Theory]
    [InlineData("Olivia", true)]
    [InlineData("Nakamura", true)]
    [InlineData("Müller", true)]
    [InlineData("Widget", false)]
    [InlineData("olivia", false)]
    public void Single_name_matcher_needs_a_capitalised_dictionary_name(string value, bool expected) => Assert.Equal(expected, Matches(new SingleNameMatcher(Names), value));

    [Fact]
    public void Name_dictionary_ships_a_few_hundred_names_of_each_kind()
    {
        Assert.InRange(Names.GivenCount, 200, 5_000);
        Assert.InRange(Names.FamilyCount, 200, 5_000);
    }

    [Fact]
    public void Every_default_matcher_has_a_unique_name_and_a_real_category()
    {
        var detector = TownLake.Catalog.Governance.Scanning.Detectors.ValuePatternDetector.CreateDefault(Names);
        Assert.Equal(detector.Matchers.Count, detector.Matchers.Select(m => m.Name).Distinct().Count());
        Assert.DoesNotContain(detector.Matchers, m => m.Category == PiiCategory.None);
    }
}
