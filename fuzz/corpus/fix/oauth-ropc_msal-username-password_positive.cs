// MSAL.NET: username/password.
using Microsoft.Identity.Client;

class Entra
{
    async void Token(IPublicClientApplication app, string[] scopes, string user, string password)
    {
        var result = await app.AcquireTokenByUsernamePassword(scopes, user, password).ExecuteAsync(); // expect: oauth-ropc/msal-username-password
    }
}
