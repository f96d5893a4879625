using System.Collections.Generic;
using System.Net.Http;

// A custom identity provider's token endpoint with the password grant (no RingCentral context).
public static class IdpLogin
{
    public static FormUrlEncodedContent Form(string user, string pw) => new FormUrlEncodedContent(new[]
    {
        new KeyValuePair<string, string>("grant_type", "password"), // expect: oauth-ropc/password-grant-request
        new KeyValuePair<string, string>("username", user),
        new KeyValuePair<string, string>("password", pw),
    });

    public static Dictionary<string, string> Dict(string user) => new Dictionary<string, string>
    {
        { "grant_type", "password" }, // expect: oauth-ropc/password-grant-request
        { "username", user },
    };

    const string Body = "grant_type=password&client_id=mobile"; // expect: oauth-ropc/password-grant-request
}
