using System.Collections.Generic;
using System.Net.Http;

// IdentityServer / Keycloak, not RingCentral: belongs to oauth-ropc/password-grant-request.
public static class IdpLogin
{
    public static FormUrlEncodedContent Form(string user, string pw) => new FormUrlEncodedContent(new[]
    {
        new KeyValuePair<string, string>("grant_type", "password"),
        new KeyValuePair<string, string>("username", user),
        new KeyValuePair<string, string>("password", pw),
    });
}
