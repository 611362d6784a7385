namespace TownLake.Catalog.Governance;

/// <summary>What happened, in the governance audit trail.</summary>
public enum GovernanceEventKind
{
    DatasetRegistered,
    ColumnRegistered,
    DatasetReviewed,
    ColumnReviewed,
    ColumnClassified,
    ScannerFindings,
    Granted,
    Revoked,
    Requested,
    RequestApproved,
    RequestDenied,
    PiiUnlocked,
    QueryRefused,
}
