using System.Collections.Generic;
using System.Net.Http;

// RingCentral code with other grants.
public static class OtherGrants
{
    const string TokenUrl = "https://platform.ringcentral.com/restapi/oauth/token";

    public static FormUrlEncodedContent Jwt(string jwt) => new FormUrlEncodedContent(new[]
    {
        new KeyValuePair<string, string>("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        new KeyValuePair<string, string>("assertion", jwt),
    });

    public static Dictionary<string, string> Code(string code) => new Dictionary<string, string>
    {
        { "grant_type", "authorization_code" },
        { "code", code },
        ["password"] = "password",
    };

    const string Reset = "grant_type=password_reset";
}
