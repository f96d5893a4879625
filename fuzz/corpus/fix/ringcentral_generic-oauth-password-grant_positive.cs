// IdentityModel pointed at RingCentral.
using System;
using System.Net.Http;
using IdentityModel.Client;

class RcToken
{
    static async void Main()
    {
        var client = new HttpClient();
        var response = await client.RequestPasswordTokenAsync(new PasswordTokenRequest // expect: ringcentral/generic-oauth-password-grant
        {
            Address = "https://platform.ringcentral.com/restapi/oauth/token",
            ClientId = Environment.GetEnvironmentVariable("RC_CLIENT_ID"),
            UserName = Environment.GetEnvironmentVariable("RC_USERNAME"),
            Password = "hunter2",
        });
    }
}
