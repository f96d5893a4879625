using System.Threading.Tasks;
using RingCentral;

// RingCentral.Net calls and legacy authorization-code calls are not the legacy password login.
class Modern
{
    static async Task Run(RestClient rc, SDK sdk, string code)
    {
        await rc.Authorize(System.Environment.GetEnvironmentVariable("RC_JWT"));
        sdk.Platform.Authenticate(code, "https://example.com/callback");
        var url = sdk.Platform.AuthorizeUri("https://example.com/callback", "state");
        sdk.Platform.Logout();
    }
}
