0<?php

// SDK 1.x era: fully qualified class name, positional login only.

require('vendor/autoload.php');

$rcsdk = new RingCentral\SDK\SDK(
    getenv('RC_CLIENT_ID'),
    getenv('RC_CLIENRT_SECRET'),
    RingCentral\SDK\SDK::SERVER_SANDBOX
);

function authenticate($rcsdk)
{
    $username = getenv('RC_USERNAME');
    $extension = getenv('RC_EXTENSION');
    $password = getenv('RC_PASSWORD');

    $rcsdk->platform()->login($username, $extension, $password); // expect: ringcentral/php-password-login
}

function authenticateWithArray($rcsdk)
{
    $platform = $rcsdk->platform();
    $opts = array(
        "username" => getenv('RC_USERNAME'),
        "password" => getenv('RC_PASSWORD'),
    );
    $platform->login($opts); // expect: ringcentral/php-password-login

    return $platform;
}

authenticate($rcsdk);
$platform = authenticateWithArray($rcsdk);

$apiResponse = $platform->get('/account/~/extension/~/call-log', array('perPage' => 10));
foreach ($apiResponse->json()->records as $record) {
    echo $record->startTime . ' ' . $record->direction . PHP_EOL;
}
