namespace TownLake.Catalog.Governance;

/// <summary>Registers governance: options, the policy evaluator, the mask key, the registrar of appearing datasets, the review service, the demo's state, the Trino rules and OPA decisions.</summary>
public static class GovernanceServices
{
    public static IServiceCollection AddTownLakeGovernance(this IServiceCollection services)
    {
        services.AddOptions<GovernanceOptions>().BindConfiguration(GovernanceOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GovernanceOptions>, GovernanceOptionsValidator>();
        services.AddSingleton<AccessEvaluator>();
        services.AddSingleton<MaskKey>();
        services.AddSingleton<GovernanceRegistrar>();
        services.AddHostedService(sp => sp.GetRequiredService<GovernanceRegistrar>());
        services.AddSingleton<GovernanceService>();
        services.AddSingleton<DemoGovernance>();
        services.AddSingleton<Trino.TrinoCatalogMap>();
        services.AddSingleton<Trino.TrinoRulesRenderer>();
        services.AddSingleton<Trino.TrinoOpaDecider>();
        return services;
    }
}
