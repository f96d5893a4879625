0<?php

// A CRM / chat client with its own login API. No link to any telephony SDK.

namespace App\Integrations;

use Acme\Crm\Client;
use Acme\Crm\RestApi;

class CrmSync
{
    public function connect(string $user, string $pass): Client
    {
        $client = new Client('https://crm.example.com');
        $client->login($user, $pass);

        return $client;
    }

    public function connectApi(string $u, string $p): RestApi
    {
        $api = new RestApi(['base_uri' => 'https://api.example.com/v2/']);
        $api->login(['username' => $u, 'password' => $p]);

        return $api;
    }

    public function connectBridge(): Client
    {
        // Look-alike env names (IRC_*, DRONE_NETRC_*): these are not provider names.
        $client = new Client(getenv('IRC_SERVER'));
        $client->login(getenv('IRC_USERNAME'), getenv('IRC_PASSWORD'));
        $client->login(getenv('DRONE_NETRC_USERNAME'), '', getenv('DRONE_NETRC_PASSWORD'));

        return $client;
    }
}
