using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// In JWT mode a token that was sent must validate. Each forged or stale token is an attack that used to pass as an
/// anonymous caller; now it is a 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c>.
/// </summary>
public sealed class JwtRejectionTests : IAsyncLifetime
{
    private const string Key = "a-test-signing-key-that-is-long-enough-for-hmac";
    private const string Issuer = "https://idp.test";
    private const string Audience = "townlake";

    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "jwt",
        ["TownLake:Auth:SigningKey"] = Key,
        ["TownLake:Auth:Issuer"] = Issuer,
        ["TownLake:Auth:Audience"] = Audience,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Token(string key = Key, string issuer = Issuer, string audience = Audience, DateTime? expires = null)
    {
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddHours(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["preferred_username"] = "dave", ["groups"] = new[] { "admins" } },
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The classic forgery: a token that says it needs no signature.</summary>
    private static string UnsignedToken()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." + Part($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","preferred_username":"mallory","groups":["admins"],"exp":{{expires}}}""") + ".";
    }

    private async Task<HttpResponseMessage> AskAsync(string? authorization)
    {
        var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ me { user { name } isAdmin } }" }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    public static TheoryData<string, string> Forgeries() => new()
    {
        { "expired", "Bearer " + Token(expires: DateTime.UtcNow.AddHours(-1)) },
        { "wrong signing key", "Bearer " + Token(key: "another-signing-key-that-is-long-enough-for-hmac") },
        { "wrong issuer", "Bearer " + Token(issuer: "https://evil.example") },
        { "wrong audience", "Bearer " + Token(audience: "another-service") },
        { "alg none", "Bearer " + UnsignedToken() },
        { "garbage", "Bearer not.a.token" },
        { "not a bearer token", "Basic ZGF2ZTpzZWNyZXQ=" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_bad_token_is_a_401_with_www_authenticate_never_an_anonymous_request(string attack, string authorization)
    {
        using var response = await AskAsync(authorization);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(401 == (int)response.StatusCode, $"{attack}: {(int)response.StatusCode} {body}");
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter);
        Assert.Contains("UNAUTHENTICATED", body);
        Assert.DoesNotContain("\"data\"", body);
    }

    [Fact]
    public async Task An_expired_token_is_told_it_expired()
    {
        using var response = await AskAsync("Bearer " + Token(expires: DateTime.UtcNow.AddHours(-1)));

        Assert.Contains("expired", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task A_valid_token_names_the_caller()
    {
        using var response = await AskAsync("Bearer " + Token());
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("dave", body["data"]!["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.True(body["data"]!["me"]!["isAdmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_a_token_a_team_deployment_asks_for_one()
    {
        using var response = await AskAsync(null);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
