using System;
using System.Threading.Tasks;
using IdentityModel.Client;
using RingCentral;

// Other grants, and IdentityModel's own PasswordTokenRequest (the generic oauth-ropc group).
class OtherGrants
{
    static async Task Main(string[] args)
    {
        var rc = new RestClient("id", "secret", RestClient.ProductionServer);
        await rc.Authorize(new GetTokenRequest { grant_type = "authorization_code", code = args[0], redirect_uri = args[1] });
        await rc.Authorize(new GetTokenRequest { grant_type = "refresh_token", refresh_token = rc.token.refresh_token });
        await rc.Authorize(new GetTokenRequest { grant_type = "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion = Environment.GetEnvironmentVariable("RC_JWT") });
        var client = new System.Net.Http.HttpClient();
        await client.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = "bob", Password = "password" });
        var settings = new Settings { grant_type = "password_reset" };
    }
}
