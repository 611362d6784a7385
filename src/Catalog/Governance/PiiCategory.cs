namespace TownLake.Catalog.Governance;

/// <summary>
/// What kind of personal or sensitive data a column holds, as the scanner or a reviewer classified it. <see cref="None"/>
/// means "looked at and found nothing", which is a finding too (a reviewer can confirm it).
/// </summary>
public enum PiiCategory
{
    None,
    Email,
    Phone,
    PersonName,
    PostalAddress,
    IpAddress,
    GovernmentId,
    PaymentCard,
    BankAccount,
    DateOfBirth,
    GeoLocation,
    Secret,
    UserIdentifier,
}
