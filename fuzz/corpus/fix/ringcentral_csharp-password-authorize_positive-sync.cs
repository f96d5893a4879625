using System;
using RingCentral;

// api-docs samples: constants and the blocking .Wait() / .Result forms.
namespace SmsSample
{
    class Sms
    {
        const string RINGCENTRAL_CLIENTID = "client-id";
        const string RINGCENTRAL_CLIENTSECRET = "client-secret";
        const string RINGCENTRAL_USERNAME = "16505550100";
        const string RINGCENTRAL_EXTENSION = "101";
        const string RINGCENTRAL_PASSWORD = "S3cr3t!";

        static RestClient restClient;

        static void Main(string[] args)
        {
            restClient = new RestClient(RINGCENTRAL_CLIENTID, RINGCENTRAL_CLIENTSECRET, false);
            restClient.Authorize(RINGCENTRAL_USERNAME, RINGCENTRAL_EXTENSION, RINGCENTRAL_PASSWORD).Wait(); // expect: ringcentral/csharp-password-authorize
            var token = restClient.Authorize("username", "extension", Environment.GetEnvironmentVariable("password")).Result; // expect: ringcentral/csharp-password-authorize
            Console.WriteLine(token.access_token);
        }
    }
}
