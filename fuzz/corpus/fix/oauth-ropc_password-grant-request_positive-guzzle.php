0<?php

// Guzzle client for a partner API that still uses the resource owner password grant.

namespace App\Partners;

use GuzzleHttp\Client;

class AcmeApi
{
    private Client $http;

    public function __construct()
    {
        $this->http = new Client(['base_uri' => 'https://api.acme.example']);
    }

    public function token(): string
    {
        $response = $this->http->post('/oauth/token', [
            'form_params' => [
                'grant_type' => 'password', // expect: oauth-ropc/password-grant-request
                'client_id' => getenv('ACME_CLIENT_ID'),
                'client_secret' => getenv('ACME_CLIENT_SECRET'),
                'username' => getenv('ACME_USERNAME'),
                'password' => 'hunter2',
            ],
        ]);

        return json_decode((string) $response->getBody(), true)['access_token'];
    }

    public function tokenBody(string $user, string $pass): string
    {
        return 'grant_type=password&username=' . urlencode($user) . '&password=' . urlencode($pass); // expect: oauth-ropc/password-grant-request
    }

    public function tokenQuery(string $user, string $pass): string
    {
        return http_build_query(array(
            "grant_type" => "password", // expect: oauth-ropc/password-grant-request
            "username" => $user,
            "password" => $pass,
        ));
    }

    public function tokenViaCurl(string $user, string $pass): string
    {
        $ch = curl_init('https://api.acme.example/oauth/token');
        curl_setopt($ch, CURLOPT_POSTFIELDS, "grant_type=password&username={$user}&password={$pass}"); // expect: oauth-ropc/password-grant-request
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);

        return curl_exec($ch);
    }
}
