0<?php

namespace App\Services;

use Illuminate\Support\Facades\Log;
use RingCentral\SDK\Http\ApiException;
use RingCentral\SDK\SDK;

class RingCentralService
{
    /** @var \RingCentral\SDK\Platform\Platform */
    private $platform;

    public function __construct()
    {
        $sdk = new SDK(
            config('services.ringcentral.client_id'),
            config('services.ringcentral.client_secret'),
            config('services.ringcentral.server', SDK::SERVER_PRODUCTION),
            'LaravelSms',
            '1.0.0'
        );
        $this->platform = $sdk->platform();
    }

    public function authenticate(): void
    {
        if ($this->platform->loggedIn()) {
            return;
        }

        $this->platform->login( // expect: ringcentral/php-password-login
            config('services.ringcentral.username'),
            config('services.ringcentral.extension'),
            config('services.ringcentral.password')
        );
    }

    public function loginAs(string $username, string $password, string $extension = ''): void
    {
        $credentials = [
            'username' => $username,
            'extension' => $extension,
            'password' => $password,
        ];

        try {
            $this->platform->login($credentials); // expect: ringcentral/php-password-login
        } catch (ApiException $e) {
            Log::error('RingCentral login failed: ' . $e->getMessage());
            throw $e;
        }
    }

    public function sendSms(string $to, string $text)
    {
        $this->authenticate();

        return $this->platform->post('/restapi/v1.0/account/~/extension/~/sms', [
            'from' => ['phoneNumber' => config('services.ringcentral.username')],
            'to' => [['phoneNumber' => $to]],
            'text' => $text,
        ])->json();
    }
}
