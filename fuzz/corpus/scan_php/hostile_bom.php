<?php

// Demo script in the style of ringcentral-php demo/*.php (SDK 2.x/3.x, before JWT).

require_once __DIR__ . '/vendor/autoload.php';

use RingCentral\SDK\SDK;

$credentials = require __DIR__ . '/_credentials.php';

$rcsdk = new SDK($credentials['clientId'], $credentials['clientSecret'], $credentials['server'], 'Demo', '1.0.0');

$platform = $rcsdk->platform();

// Authorize with phone number, extension and password
$platform->login($credentials['username'], $credentials['extension'], $credentials['password']); // expect: ringcentral/php-password-login

$platform->login('18881112233', '101', 'hunter2'); // expect: ringcentral/php-password-login

$platform->login(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD')); // expect: ringcentral/php-password-login

// Extension forgotten: still a password login (second argument is read as extension)
$platform->login($_ENV['RC_USERNAME'], $_ENV['RC_PASSWORD']); // expect: ringcentral/php-password-login

$platform->login(['username' => $credentials['username'], 'extension' => $credentials['extension'], 'password' => $credentials['password']]); // expect: ringcentral/php-password-login

$platform->login(["username" => "+18881112233", "password" => "S3cr3t!"]); // expect: ringcentral/php-password-login

$platform->login(array( // expect: ringcentral/php-password-login
    'username'  => $_ENV['RC_USERNAME'],
    'extension' => $_ENV['RC_EXTENSION'],
    'password'  => $_ENV['RC_PASSWORD'],
));

$platform->login([ // expect: ringcentral/php-password-login
    'username' => getenv('RC_USERNAME'),
    'password' => getenv('RC_PASSWORD'),
]);

// RC_JWT was not set in .env, so this silently becomes a password login
$platform->login(['jwt' => '']); // expect: ringcentral/php-password-login

$rcsdk->platform()->login(['username' => '18881112233', 'extension' => '101', 'password' => 'hunter2']); // expect: ringcentral/php-password-login

$rcsdk
    ->platform()
    ->login($credentials['username'], '', $credentials['password']); // expect: ringcentral/php-password-login

$creds = [
    'username'  => getenv('RC_USERNAME'),
    'extension' => getenv('RC_EXTENSION'),
    'password'  => getenv('RC_PASSWORD'),
];
$platform->login($creds); // expect: ringcentral/php-password-login

// Already migrated calls in the same file stay silent
$platform->login(['jwt' => getenv('RC_JWT')]);
$platform->refresh();

$response = $platform->get('/restapi/v1.0/account/~/extension/~');
print 'Logged in as ' . $response->json()->name . PHP_EOL;
