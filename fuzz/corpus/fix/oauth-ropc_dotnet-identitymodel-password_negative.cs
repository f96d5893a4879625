// Client credentials and authorization code with IdentityModel.
using System.Net.Http;
using IdentityModel.Client;

class Tokens
{
    async void Get(HttpClient client, string code, string verifier)
    {
        var r1 = await client.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { Address = "https://id.example.org/connect/token", ClientId = "c" });
        var r2 = await client.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest { Code = code, CodeVerifier = verifier });
        var reset = new PasswordTokenRequest { Email = "a@example.org" };
    }
}
