0<?php

// ringcentral/php-sdk 0.1-0.4: RC\RCSDK with a cache object and getPlatform()->authorize().

require_once('vendor/autoload.php');

$cache = new RC\core\cache\MemoryCache();
$rcsdk = new RC\RCSDK($cache, 'appKey', 'appSecret', 'https://platform.devtest.ringcentral.com');

$username = '18881112233';
$extension = '101';
$password = 'hunter2';
$remember = true;

$rcsdk->getPlatform()->authorize($username, $extension, $password, $remember); // expect: ringcentral/php-legacy-authorize

try {
    $rcsdk->getPlatform()->authorize('18881112233', '', 'S3cr3t!', false); // expect: ringcentral/php-legacy-authorize
} catch (Exception $e) {
    print 'Authorization failed: ' . $e->getMessage() . PHP_EOL;
}

$rcsdk
    ->getPlatform()
    ->authorize(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD')); // expect: ringcentral/php-legacy-authorize

function connectUser(RC\RCSDK $rcsdk, array $creds)
{
    $platform = $rcsdk->getPlatform();
    $platform->authorize($creds['username'], $creds['extension'], $creds['password'], $creds['remember']); // expect: ringcentral/php-legacy-authorize

    return $platform;
}

function connectFromEnv($sdk)
{
    return $sdk->getPlatform()->authorize($_ENV['RC_USERNAME'], $_ENV['RC_EXTENSION'], $_ENV['RC_PASSWORD']); // expect: ringcentral/php-legacy-authorize
}

$response = $rcsdk->getPlatform()->get('/account/~/extension/~');
print $response->getJson()->name . PHP_EOL;
