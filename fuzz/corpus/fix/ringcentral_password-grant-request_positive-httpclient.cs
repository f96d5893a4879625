using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

// Hand-built token requests against /restapi/oauth/token with HttpClient.
public static class RawToken
{
    const string TokenUrl = "https://platform.ringcentral.com/restapi/oauth/token";
    const string Grant = "password";

    public static async Task<string> Token(HttpClient http, string user, string ext, string pw)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Environment.GetEnvironmentVariable("RC_CLIENT_ID") + ":" + Environment.GetEnvironmentVariable("RC_CLIENT_SECRET")));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);

        var content = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("grant_type", "password"), // expect: ringcentral/password-grant-request
            new KeyValuePair<string, string>("username", user),
            new KeyValuePair<string, string>("extension", ext),
            new KeyValuePair<string, string>("password", pw),
        });
        var dict = new Dictionary<string, string>
        {
            { "grant_type", "password" }, // expect: ringcentral/password-grant-request
            { "username", user },
            { "password", pw },
        };
        var indexed = new Dictionary<string, string>
        {
            ["grant_type"] = "password", // expect: ringcentral/password-grant-request
            ["username"] = user,
        };
        var form = new Dictionary<string, string>();
        form["grant_type"] = "password"; // expect: ringcentral/password-grant-request
        form.Add("grant_type", "password"); // expect: ringcentral/password-grant-request

        var body = "grant_type=password&username=16505550100&extension=101&password=hunter2"; // expect: ringcentral/password-grant-request
        var interpolated = $"grant_type=password&username={user}&extension={ext}&password={pw}"; // expect: ringcentral/password-grant-request
        var verbatim = @"grant_type=password&username=16505550100&password=S3cr3t!"; // expect: ringcentral/password-grant-request
        var raw = """grant_type=password&username=16505550100&extension=101"""; // expect: ringcentral/password-grant-request
        var concatenated = "grant_type=" + Grant + "&username=" + user; // expect: ringcentral/password-grant-request

        var response = await http.PostAsync(TokenUrl, content);
        await http.PostAsync(TokenUrl, new FormUrlEncodedContent(dict));
        await http.PostAsync(TokenUrl, new FormUrlEncodedContent(indexed));
        await http.PostAsync(TokenUrl, new StringContent(body + interpolated + verbatim + raw + concatenated));
        return await response.Content.ReadAsStringAsync();
    }
}
