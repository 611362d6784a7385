using TownLake.Catalog.Governance;
using V = TownLake.ScannerBench.ValueFactory;

namespace TownLake.ScannerBench;

/// <summary>
/// The column kinds of the generated warehouse: PII of every category, and look-alikes that are not PII (versions,
/// product codes, hashes, timestamps, country codes, order ids…). PII whose values cannot tell it apart from ids or
/// numbers (user ids, separate latitude/longitude columns, first names) always has a telling name, as in real schemas;
/// the rest also appears under neutral names (<c>attr_12</c>) so values alone must carry it.
/// </summary>
public static class Families
{
    public static IReadOnlyList<ColumnFamily> All { get; } =
    [
        new("email", PiiCategory.Email, "VARCHAR", ["email", "contact_email", "work_email", "e_mail", "billing_email"], true, r => V.Email(r)),
        new("phone", PiiCategory.Phone, "VARCHAR", ["phone", "mobile", "phone_number", "contact_phone"], true, r => V.Phone(r), 0.1),
        new("full name", PiiCategory.PersonName, "VARCHAR", ["full_name", "customer_name", "contact_name", "holder_name"], true, r => V.FullName(r)),
        new("given name", PiiCategory.PersonName, "VARCHAR", ["first_name", "given_name", "firstname"], false, r => V.GivenName(r)),
        new("family name", PiiCategory.PersonName, "VARCHAR", ["last_name", "surname", "family_name"], false, r => V.FamilyName(r)),
        new("street address", PiiCategory.PostalAddress, "VARCHAR", ["address", "street_address", "shipping_address", "billing_address"], true, r => V.Street(r)),
        new("postcode", PiiCategory.PostalAddress, "VARCHAR", ["postcode", "postal_code", "zip"], true, r => V.UkPostcode(r)),
        new("ip", PiiCategory.IpAddress, "VARCHAR", ["ip", "client_ip", "ip_address", "last_login_ip"], true, r => V.Ip(r)),
        new("government id", PiiCategory.GovernmentId, "VARCHAR", ["ssn", "national_id", "tax_id", "nino"], true, r => V.GovernmentId(r)),
        new("payment card", PiiCategory.PaymentCard, "VARCHAR", ["card_number", "cc_number", "pan"], true, r => V.Card(r)),
        new("iban", PiiCategory.BankAccount, "VARCHAR", ["iban", "bank_account", "payout_iban"], true, r => V.Iban(r)),
        new("date of birth", PiiCategory.DateOfBirth, "DATE", ["date_of_birth", "dob", "birth_date", "birthday"], true, r => V.BirthDate(r)),
        new("lat/long pair", PiiCategory.GeoLocation, "VARCHAR", ["location", "coordinates", "geo_point"], true, r => V.LatLongPair(r)),
        new("latitude", PiiCategory.GeoLocation, "DOUBLE", ["latitude", "home_lat", "pickup_lat"], false, r => V.Latitude(r)),
        new("longitude", PiiCategory.GeoLocation, "DOUBLE", ["longitude", "home_lng", "pickup_lon"], false, r => V.Longitude(r)),
        new("secret", PiiCategory.Secret, "VARCHAR", ["api_key", "access_token", "password_hash", "client_secret", "webhook_secret"], true, r => V.Secret(r)),
        new("user id", PiiCategory.UserIdentifier, "VARCHAR", ["user_id", "customer_id", "member_id", "device_id", "anonymous_id"], false, r => V.UserId(r)),

        new("version", PiiCategory.None, "VARCHAR", ["version", "app_version", "sdk_version"], true, r => V.Version(r)),
        new("4-part version", PiiCategory.None, "VARCHAR", ["build_version", "agent_version", "firmware_version"], false, r => V.FourPartVersion(r)),
        new("product code", PiiCategory.None, "VARCHAR", ["sku", "product_code", "part_number"], true, r => V.ProductCode(r)),
        new("hash", PiiCategory.None, "VARCHAR", ["sha256", "checksum", "content_hash", "etag"], true, r => V.Hash(r)),
        new("timestamp", PiiCategory.None, "TIMESTAMP", ["created_at", "updated_at", "event_time", "shipped_at"], true, r => V.Timestamp(r)),
        new("event date", PiiCategory.None, "DATE", ["order_date", "signup_date", "invoice_date"], true, r => V.RecentDate(r)),
        new("country code", PiiCategory.None, "VARCHAR", ["country", "country_code", "ship_country"], true, r => V.Country(r)),
        new("order id", PiiCategory.None, "VARCHAR", ["order_id", "invoice_number", "order_ref"], true, r => V.OrderId(r)),
        new("tracking number", PiiCategory.None, "VARCHAR", ["tracking_number", "shipment_ref"], true, r => V.TrackingNumber(r)),
        new("request id", PiiCategory.None, "VARCHAR", ["request_id", "trace_id", "batch_id"], true, r => V.OpaqueRequestId(r)),
        new("amount", PiiCategory.None, "DOUBLE", ["amount", "price", "total", "unit_price"], true, r => double.Parse(V.Decimal2(r, 2_000), System.Globalization.CultureInfo.InvariantCulture)),
        new("quantity", PiiCategory.None, "INTEGER", ["quantity", "items", "retries"], true, r => r.Next(0, 500)),
        new("flag", PiiCategory.None, "BOOLEAN", ["is_active", "email_verified", "gift_wrap"], true, r => r.Next(2) == 0),
        new("status", PiiCategory.None, "VARCHAR", ["status", "state", "stage"], true, r => V.Status(r)),
        new("free text", PiiCategory.None, "VARCHAR", ["notes", "description", "comment"], true, r => V.Sentence(r), 0.2),
        new("product name", PiiCategory.None, "VARCHAR", ["product_name", "title", "item_name"], true, r => V.ProductName(r)),
        new("url", PiiCategory.None, "VARCHAR", ["url", "landing_page", "referrer"], true, r => V.Url(r)),
    ];
}
