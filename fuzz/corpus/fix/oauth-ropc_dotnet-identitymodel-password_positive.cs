// IdentityModel password token requests.
using System.Net.Http;
using IdentityModel.Client;

class Tokens
{
    async void Get(HttpClient client, TokenClient tokenClient, string user, string password)
    {
        var r1 = await client.RequestPasswordTokenAsync(new PasswordTokenRequest // expect: oauth-ropc/dotnet-identitymodel-password
        {
            Address = "https://id.example.org/connect/token",
            ClientId = "client",
            UserName = user,
            Password = "S3cr3t!",
        });
        var r2 = await tokenClient.RequestPasswordTokenAsync(user, password, "api"); // expect: oauth-ropc/dotnet-identitymodel-password
        var r3 = await tokenClient.RequestResourceOwnerPasswordAsync(user, "hunter2", "api"); // expect: oauth-ropc/dotnet-identitymodel-password
    }
}
