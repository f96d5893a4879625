using System;
using RingCentral;
using RingCentral.Http;

// RingCentralSDK 1.0 (ringcentral/ringcentral-csharp): sdk.Platform.Login(u, ext, pw, remember).
namespace LegacySms
{
    class Program
    {
        static void Main(string[] args)
        {
            var sdk = new SDK(Environment.GetEnvironmentVariable("RC_APP_KEY"), Environment.GetEnvironmentVariable("RC_APP_SECRET"), SDK.Server.Sandbox, "LegacySms", "1.0.0");
            sdk.Platform.Login(Environment.GetEnvironmentVariable("RC_USERNAME"), Environment.GetEnvironmentVariable("RC_EXTENSION"), Environment.GetEnvironmentVariable("RC_PASSWORD"), true); // expect: ringcentral/csharp-legacy-login
            var platform = sdk.Platform;
            platform.Login("16505550100", "101", "hunter2", false); // expect: ringcentral/csharp-legacy-login
            Response response = platform.Get(new Request("/restapi/v1.0/account/~/extension/~"));
            Console.WriteLine(response.Body);
        }
    }
}
