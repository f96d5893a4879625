using System;
using System.Threading.Tasks;
using RingCentral;

// RingCentral.Client (ringcentral/ringcentral-csharp-client, last release 2021): the same
// RestClient.Authorize(username, extension, password) shape, with the old `production:` flag.
namespace Client
{
    public class Program
    {
        private static RestClient rc;

        public static async Task Main()
        {
            rc = new RestClient("clientId", "clientSecret", production: true);
            var token = await rc.Authorize("16505550100", "", "S3cr3t!"); // expect: ringcentral/csharp-password-authorize
            Console.WriteLine(token.access_token);
            var restClient = new RestClient("clientId", "clientSecret", "https://platform.ringcentral.com");
            await restClient.Authorize(Environment.GetEnvironmentVariable("username"), Environment.GetEnvironmentVariable("extension"), Environment.GetEnvironmentVariable("password")); // expect: ringcentral/csharp-password-authorize
        }
    }
}
