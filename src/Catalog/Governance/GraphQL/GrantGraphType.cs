using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>A time-bound grant.</summary>
public sealed class GrantGraphType : ObjectGraphType<Grant>
{
    public GrantGraphType()
    {
        Name = "Grant";
        Description = "Time-bound access to a dataset for a user or group.";
        this.AddIdField("The grant's id.");
        Field<NonNullGraphType<PrincipalKindEnum>>("principalKind").Description("USER or GROUP.").Resolve(c => c.Source.PrincipalKind);
        Field(g => g.Principal).Description("The user or group name.");
        this.AddTermsFields("Columns covered; empty means all.");
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt").Description("When it stops working.").Resolve(c => c.Source.ExpiresAt.UtcDateTime);
        Field(g => g.Reason).Description("Why it was granted.");
        Field(g => g.GrantedBy).Description("Who granted it.");
        Field<NonNullGraphType<DateTimeGraphType>>("grantedAt").Description("When.").Resolve(c => c.Source.GrantedAt.UtcDateTime);
        Field(g => g.RequestId, nullable: true).Description("The access request it answered.");
        Field<DateTimeGraphType>("revokedAt").Description("When it was revoked.").Resolve(c => c.Source.RevokedAt?.UtcDateTime);
        Field(g => g.RevokedBy, nullable: true).Description("Who revoked it.");
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("True while it works (not expired, not revoked).")
            .Resolve(c => c.Source.IsActive(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
    }
}
