using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Hosting;

/// <summary>Rejects a wrong setting at start-up with a message naming the setting and what it accepts.</summary>
public sealed class TownLakeOptionsValidator : IValidateOptions<TownLakeOptions>
{
    public ValidateOptionsResult Validate(string? name, TownLakeOptions options)
    {
        var store = options.Store.ToLowerInvariant();
        if (store is not ("sqlite" or "postgres"))
        {
            return ValidateOptionsResult.Fail($"TownLake:Store is '{options.Store}'; use 'sqlite' (embedded) or 'postgres'.");
        }

        if (store == "postgres" && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return ValidateOptionsResult.Fail("TownLake:PostgresConnectionString is required when TownLake:Store is 'postgres' (e.g. Host=localhost;Username=townlake;Password=…;Database=townlake).");
        }

        if (store == "postgres")
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"TownLake:PostgresConnectionString is not a valid connection string: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) || options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail($"TownLake:DataDirectory '{options.DataDirectory}' is not a usable directory path.");
        }

        var mode = options.Auth.Mode.ToLowerInvariant();
        if (mode is not ("local" or "jwt" or "header"))
        {
            return ValidateOptionsResult.Fail($"TownLake:Auth:Mode is '{options.Auth.Mode}'; use 'local', 'jwt' or 'header'.");
        }

        if (mode == "jwt" && string.IsNullOrWhiteSpace(options.Auth.Authority) && (options.Auth.SigningKey?.Length ?? 0) < 32)
        {
            return ValidateOptionsResult.Fail("TownLake:Auth:Mode 'jwt' needs TownLake:Auth:Authority or a TownLake:Auth:SigningKey of at least 32 characters (or use TownLake:Auth:Mode 'header' behind an authenticating proxy).");
        }

        var authProblem = Security.AuthOptionsValidation.Problem(options.Auth);
        if (authProblem is not null)
        {
            return ValidateOptionsResult.Fail(authProblem);
        }

        if (mode == "local" && string.IsNullOrWhiteSpace(options.Auth.LocalUser))
        {
            return ValidateOptionsResult.Fail("TownLake:Auth:LocalUser must name a user.");
        }

        return ValidateOptionsResult.Success;
    }
}
