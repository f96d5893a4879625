0<?php

namespace App\Telephony;

use GuzzleHttp\Client;
use Illuminate\Support\Facades\Http;

class RingCentralTokenClient
{
    private const TOKEN_PATH = '/restapi/oauth/token';

    private Client $http;

    public function __construct()
    {
        $this->http = new Client(['base_uri' => 'https://platform.ringcentral.com']);
    }

    public function passwordToken(string $username, string $password, string $extension = ''): array
    {
        $response = $this->http->post(self::TOKEN_PATH, [
            'auth' => [getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET')],
            'form_params' => [
                'grant_type' => 'password', // expect: ringcentral/password-grant-request
                'username' => $username,
                'extension' => $extension,
                'password' => $password,
            ],
        ]);

        return json_decode((string) $response->getBody(), true);
    }

    public function passwordTokenLaravel(): array
    {
        return Http::asForm()
            ->withBasicAuth(config('services.ringcentral.client_id'), config('services.ringcentral.client_secret'))
            ->post('https://platform.ringcentral.com/restapi/oauth/token', ['grant_type' => 'password', 'username' => config('services.ringcentral.username'), 'password' => 'S3cr3t!']) // expect: ringcentral/password-grant-request
            ->json();
    }

    public function refresh(string $refreshToken): array
    {
        $response = $this->http->post(self::TOKEN_PATH, [
            'auth' => [getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET')],
            'form_params' => ['grant_type' => 'refresh_token', 'refresh_token' => $refreshToken],
        ]);

        return json_decode((string) $response->getBody(), true);
    }
}
