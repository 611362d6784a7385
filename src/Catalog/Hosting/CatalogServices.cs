using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Hosting;

/// <summary>Wires the catalog's services: options, the store chosen by configuration, domain services, GraphQL, identity.</summary>
public static class CatalogServices
{
    public static WebApplicationBuilder AddTownLake(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TownLakeOptions>().BindConfiguration(TownLakeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TownLakeOptions>, TownLakeOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogChangeFeed>();
        services.AddSingleton<CatalogStoreReady>();
        services.AddTownLakeStore();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<GlossaryService>();
        services.AddSingleton<Documentation.DocumentService>();
        services.AddSingleton<CallerResolver>();
        Security.SecurityServices.AddTownLakeSecurity(services);
        services.AddSingleton<Demo.DemoWarehouse>();
        services.AddTownLakeLineage();
        services.AddCatalogGraphQL();
        services.AddCatalogErrors();
        Operations.OperationsServices.AddTownLakeOperations(builder);
        services.AddHostedService<CatalogStartup>();
        services.AddSingleton<Discovery.CatalogSearch>();
        services.AddHostedService(sp => sp.GetRequiredService<Discovery.CatalogSearch>());
        Connections.ConnectionServices.AddTownLakeConnections(services);
        Profiles.ProfileServices.AddTownLakeProfiles(services);
        QueryFront.QueryServices.AddTownLakeQueries(services);
        Governance.GovernanceServices.AddTownLakeGovernance(services);
        Governance.Scanning.ScannerServices.AddTownLakeScanner(services);
        Agents.AgentServices.AddTownLakeAgents(services);

        var auth = builder.Configuration.GetSection(TownLakeOptions.Section).Get<TownLakeOptions>()?.Auth ?? new AuthOptions();
        if (auth.Mode.Equals("jwt", StringComparison.OrdinalIgnoreCase))
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
            {
                jwt.Authority = auth.Authority;
                jwt.Audience = auth.Audience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = auth.Issuer is not null,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = auth.Audience is not null,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = auth.SigningKey is null ? null : new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(auth.SigningKey)),
                    NameClaimType = "preferred_username",
                };
            });
        }

        return builder;
    }
}
