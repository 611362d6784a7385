using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>The code table and the exception mapping behind every face.</summary>
public sealed class CatalogErrorMapperTests
{
    private readonly RecordingLogger _log = new();

    private CatalogErrorMapper Mapper => new(_log);

    [Theory]
    [InlineData(ErrorCodes.BadRequest, 400)]
    [InlineData(ErrorCodes.BadUserInput, 400)]
    [InlineData(ErrorCodes.Forbidden, 403)]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.Conflict, 409)]
    [InlineData(ErrorCodes.PayloadTooLarge, 413)]
    [InlineData(ErrorCodes.UnsupportedMediaType, 415)]
    [InlineData(ErrorCodes.TooManyRequests, 429)]
    public void A_catalog_rule_keeps_its_code_and_message_and_answers_its_4xx(string code, int status)
    {
        var error = Mapper.Map(new CatalogException(code, "Nope, because.") { Hint = "Try this." }, clientAborted: false);

        Assert.Equal(new CatalogError(code, "Nope, because.", "Try this."), error);
        Assert.Equal(status, error.Status);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public void A_catalog_exception_with_a_code_outside_the_table_is_internal_and_logged()
    {
        var error = Mapper.Map(new CatalogException("Lost the lineage index at /var/lib/townlake.", new IOException("disk")), clientAborted: false);

        Assert.Equal(CatalogError.Internal, error);
        Assert.Equal(500, error.Status);
        Assert.Single(_log.Errors);
    }

    [Fact]
    public void An_unknown_exception_is_a_500_that_says_nothing_of_its_cause_and_is_logged()
    {
        var error = Mapper.Map(new InvalidOperationException("connection string Password=secret failed"), clientAborted: false);

        Assert.Equal((ErrorCodes.Internal, 500, CatalogError.InternalMessage), (error.Code, error.Status, error.Message));
        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("secret", Assert.Single(_log.Errors).Message);
    }

    [Fact]
    public void A_caller_who_hung_up_is_CANCELLED_but_our_own_timeout_is_internal()
    {
        var hungUp = Mapper.Map(new OperationCanceledException(), clientAborted: true);
        var timedOut = Mapper.Map(new TaskCanceledException("HttpClient.Timeout of 100 s elapsed"), clientAborted: false);

        Assert.Equal((ErrorCodes.Cancelled, 499), (hungUp.Code, hungUp.Status));
        Assert.Equal(CatalogError.Internal, timedOut);
        Assert.Single(_log.Errors);
    }

    [Fact]
    public void The_servers_request_errors_are_4xx_with_a_hint()
    {
        var tooLarge = Mapper.Map(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), clientAborted: false);
        var badJson = Mapper.Map(new BadHttpRequestException("Failed to read parameter.", StatusCodes.Status400BadRequest, ParseError("{nope")), clientAborted: false);

        Assert.Equal((ErrorCodes.PayloadTooLarge, 413), (tooLarge.Code, tooLarge.Status));
        Assert.NotNull(tooLarge.Hint);
        Assert.Equal((ErrorCodes.BadRequest, 400), (badJson.Code, badJson.Status));
        Assert.StartsWith("The body is not valid JSON", badJson.Message);
        Assert.NotNull(badJson.Hint);
    }

    [Fact]
    public void Malformed_JSON_says_where_without_the_parsers_type_names()
    {
        var parserText = ParseError("""{"limit": "many"}""");

        var error = Mapper.Map(CatalogError.MalformedJson(parserText), clientAborted: false);

        Assert.Contains("could not be converted to", parserText.Message);
        Assert.Equal(ErrorCodes.BadRequest, error.Code);
        Assert.Contains("$.limit", error.Message);
        Assert.DoesNotContain("converted to", error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void A_JSON_error_that_escaped_unwrapped_is_internal_since_request_bodies_are_always_wrapped()
    {
        var error = Mapper.Map(ParseError("{nope"), clientAborted: false);

        Assert.Equal(CatalogError.Internal, error);
        Assert.Single(_log.Errors);
    }

    [Fact]
    public void Error_bodies_have_each_faces_shape()
    {
        var error = new CatalogError(ErrorCodes.NotFound, "No dataset is named a.b.c.");

        Assert.Equal("""{"error":{"code":"NOT_FOUND","message":"No dataset is named a.b.c."}}""", ErrorBodies.Rest(error).ToJsonString());
        Assert.Equal("""{"code":404,"message":"No dataset is named a.b.c.","details":"NOT_FOUND"}""", ErrorBodies.Marquez(error).ToJsonString());
        Assert.Equal("""{"errors":[{"message":"No dataset is named a.b.c.","extensions":{"code":"NOT_FOUND"}}]}""", ErrorBodies.GraphQL(error).ToJsonString());
        Assert.Equal("""{"error":{"code":"NOT_FOUND","message":"m","hint":"h"}}""", ErrorBodies.Rest(error with { Message = "m", Hint = "h" }).ToJsonString());
    }

    private static JsonException ParseError(string json)
    {
        try
        {
            JsonSerializer.Deserialize<LimitBody>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("the JSON parsed");
    }

    private sealed record LimitBody(int Limit);

    /// <summary>Keeps what the mapper logs at error level, to check unknown failures reach the log.</summary>
    private sealed class RecordingLogger : ILogger<CatalogErrorMapper>
    {
        public List<(Exception? Exception, string Message)> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors.Add((exception, exception?.Message ?? formatter(state, exception)));
            }
        }
    }
}
