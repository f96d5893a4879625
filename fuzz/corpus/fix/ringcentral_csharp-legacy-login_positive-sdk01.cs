using RingCentral.SDK;

// RingCentralSDK 0.1.x and grokify/ringcentral-sdk-csharp-simple: sdk.GetPlatform().Authorize(u, ext, pw, remember).
namespace LegacyFax
{
    public class Connector
    {
        private readonly SDK _sdk;

        public Connector(string appKey, string appSecret, string server)
        {
            _sdk = new SDK(appKey, appSecret, server, "LegacyFax", "0.1");
        }

        public void Connect(string userName, string extension, string password)
        {
            _sdk.GetPlatform().Authorize(userName, extension, password, true); // expect: ringcentral/csharp-legacy-login
        }
    }
}
