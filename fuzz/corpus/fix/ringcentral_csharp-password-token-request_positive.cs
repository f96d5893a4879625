using System;
using System.Threading.Tasks;
using RingCentral;

// The generic GetTokenRequest form, for Authorize and for the raw token endpoint.
class TokenLogin
{
    const string PasswordGrant = "password";

    static async Task Main()
    {
        var rc = new RestClient(Environment.GetEnvironmentVariable("RC_CLIENT_ID"), Environment.GetEnvironmentVariable("RC_CLIENT_SECRET"), RestClient.ProductionServer);
        await rc.Authorize(new GetTokenRequest // expect: ringcentral/csharp-password-token-request
        {
            grant_type = "password",
            username = Environment.GetEnvironmentVariable("RC_USERNAME"),
            extension = Environment.GetEnvironmentVariable("RC_EXTENSION"),
            password = Environment.GetEnvironmentVariable("RC_PASSWORD"),
        });
        var token = await rc.Restapi(null).Oauth().Token().Post(new GetTokenRequest { grant_type = PasswordGrant, username = "16505550100", password = "hunter2", access_token_ttl = 3600 }); // expect: ringcentral/csharp-password-token-request
        Console.WriteLine(token.access_token);

        var request = new GetTokenRequest();
        request.grant_type = "password"; // expect: ringcentral/csharp-password-token-request
        request.username = Environment.GetEnvironmentVariable("RC_USERNAME");
        request.password = Environment.GetEnvironmentVariable("RC_PASSWORD");
        await rc.Authorize(request);
    }
}
