using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// What an operator runs the service with: liveness and readiness probes, OpenTelemetry metrics (Prometheus scrape at
/// <c>/metrics</c>, on by default) and traces and metrics over OTLP (off unless <see cref="OperationsOptions.OtlpEndpoint"/>
/// is set), a request scope on every log line (request id, trace id, caller), one-replica scheduled jobs, the
/// cross-replica change watcher, and a shutdown that drains requests and index work.
/// </summary>
public static class OperationsServices
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddTownLakeOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        services.AddSingleton<StoreStartupStatus>();
        services.AddSingleton<ReplicaLeases>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaLeases>());
        services.AddSingleton<DatasetSchedule>();
        services.AddHostedService<ChangeLogWatcher>();
        services.AddHostedService<ChangeLogPruner>();
        services.AddSingleton<TownLakeMetrics>();
        services.AddHostedService<OperationsGauges>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("catalog", tags: [ReadyTag]);

        var settings = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        // Requests get this long to finish after SIGTERM; hosted services then stop (the search index applies what is
        // committed and commits its checkpoint).
        services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        var otlp = string.IsNullOrWhiteSpace(settings.OtlpEndpoint) ? null : new Uri(settings.OtlpEndpoint);
        if (!settings.Prometheus && otlp is null)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("townlake", serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddMeter(TownLakeMetrics.Name, "Npgsql");
            if (settings.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        if (otlp is not null)
        {
            // Traces only go somewhere with a collector; without one they would be built and dropped on every request.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddNpgsql()
                .AddSource(TownLakeMetrics.Name)
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>Puts the request id, trace id and caller on every log line written while a request is served.</summary>
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TownLake.Requests");
        var caller = http.RequestServices.GetRequiredService<CallerResolver>().Resolve(http);
        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["RequestId"] = http.TraceIdentifier,
            ["TraceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString(),
            ["Caller"] = caller.IsAuthenticated ? caller.UserName : "anonymous",
        }))
        {
            await next(http);
        }
    });

    /// <summary>Maps the probes and the scrape endpoint (all anonymous, outside the API's authentication).</summary>
    public static WebApplication MapTownLakeOperations(this WebApplication app)
    {
        // Liveness asks nothing of the store: a database outage must make replicas unready, not get them restarted.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        if (app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }, cancellationToken: http.RequestAborted);
    }
}
