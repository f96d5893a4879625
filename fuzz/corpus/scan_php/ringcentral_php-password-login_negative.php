<?php

// Migrated demo: JWT and auth-code logins, none of them use the password grant.

require_once __DIR__ . '/vendor/autoload.php';

use RingCentral\SDK\SDK;

$dotenv = Dotenv\Dotenv::createImmutable(__DIR__);
$dotenv->load();

$credentials = require __DIR__ . '/_credentials.php';

$rcsdk = new SDK(getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET'), getenv('RC_SERVER_URL'), 'Demo', '1.0.0');
$platform = $rcsdk->platform();

// We used to call $platform->login($username, $extension, $password) with RC_USERNAME / RC_PASSWORD here.
$platform->login(['jwt' => getenv('RC_JWT')]);

$platform->login(["jwt" => $credentials['RC_JWT']]);

$platform->login([
    'jwt' => $_ENV['RC_USER_JWT'],
]);

$rcsdk->platform()->login(['jwt' => getenv('RC_USER_JWT')]);

if (!$platform->loggedIn()) {
    $platform->refresh();
}

echo "Enter your password in the RingCentral login page, not here.\n";
$notice = 'Username/password authentication is deprecated. Please migrate to the JWT grant type.';
$label = "Password";

$url = $platform->authUrl([
    'redirectUri' => getenv('RC_REDIRECT_URL'),
    'state' => 'initialState',
    'brandId' => '',
    'display' => '',
    'prompt' => '',
]);
