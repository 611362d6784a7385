namespace TownLake.Catalog.Governance;

/// <summary>Where an access request stands: waiting for a reviewer, approved (a grant was made) or denied.</summary>
public enum RequestState
{
    Pending,
    Approved,
    Denied,
}
