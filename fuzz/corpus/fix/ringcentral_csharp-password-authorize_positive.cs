using System;
using System.Threading.Tasks;
using RingCentral;

// RingCentral.Net 1.0 - 6.3.x: the three-string overload (obsolete in 6.0, removed in 6.4.0).
namespace FaxJob
{
    class Program
    {
        static async Task Main(string[] args)
        {
            var rc = new RestClient(
                Environment.GetEnvironmentVariable("RC_CLIENT_ID"),
                Environment.GetEnvironmentVariable("RC_CLIENT_SECRET"),
                RestClient.ProductionServer);
            await rc.Authorize( // expect: ringcentral/csharp-password-authorize
                Environment.GetEnvironmentVariable("RC_USERNAME"),
                Environment.GetEnvironmentVariable("RC_EXTENSION"),
                Environment.GetEnvironmentVariable("RC_PASSWORD"));
            await rc.Authorize("16505550100", "101", "hunter2"); // expect: ringcentral/csharp-password-authorize
            var ext = await rc.Restapi().Account().Extension().Get();
            Console.WriteLine(ext.name);
        }
    }
}
