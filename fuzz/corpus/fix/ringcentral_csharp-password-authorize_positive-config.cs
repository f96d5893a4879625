using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using RingCentral;

// A service reading its credentials from IConfiguration and an options class.
public class RingCentralService
{
    private readonly IConfiguration _config;
    private readonly RestClient _client;
    private readonly RcOptions _options;

    public RingCentralService(IConfiguration config, RcOptions options)
    {
        _config = config;
        _options = options;
        _client = new RestClient(config["RingCentral:ClientId"], config["RingCentral:ClientSecret"], RestClient.ProductionServer);
    }

    public async Task Connect()
    {
        await _client.Authorize(_config["RingCentral:Username"], _config["RingCentral:Extension"], _config["RingCentral:Password"]); // expect: ringcentral/csharp-password-authorize
    }

    public Task Reconnect() => _client.Authorize(_options.Username, _options.Extension, _options.Password); // expect: ringcentral/csharp-password-authorize

    public Task Named(RestClient rc) => rc.Authorize(username: _options.Username, extension: _options.Extension, password: _options.Password); // expect: ringcentral/csharp-password-authorize
}

public class RcOptions
{
    public string Username { get; set; }
    public string Extension { get; set; }
    public string Password { get; set; }
    public string Jwt { get; set; }
}
