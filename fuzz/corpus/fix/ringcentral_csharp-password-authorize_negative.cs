using System;
using System.Threading.Tasks;
using RingCentral;

// Already migrated: JWT (one argument) and authorization code (two arguments).
class Migrated
{
    static async Task Main(string[] args)
    {
        var rc = new RestClient("id", "secret", RestClient.ProductionServer);
        await rc.Authorize(Environment.GetEnvironmentVariable("RC_JWT"));
        rc.Authorize(Environment.GetEnvironmentVariable("RC_USER_JWT")).Wait();
        await rc.Authorize(args[0], "https://example.com/oauth/callback");
        await rc.Authorize(new GetTokenRequest { grant_type = "authorization_code", code = args[0] });
        await rc.Revoke();
    }
}
