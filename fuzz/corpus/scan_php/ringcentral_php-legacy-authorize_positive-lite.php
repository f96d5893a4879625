<?php

// grokify/ringcentral-sdk-php-lite

require_once('RingCentralLite.php');

$appKey = getenv('RC_APP_KEY');
$appSecret = getenv('RC_APP_SECRET');
$username = getenv('RC_USERNAME');
$extension = getenv('RC_EXTENSION');
$password = getenv('RC_PASSWORD');

$rc = new RingCentralLite($appKey, $appSecret, RingCentralLite::RC_SERVER_SANDBOX);

$rc->authorize($username, $extension, $password); // expect: ringcentral/php-legacy-authorize

function reconnect(RingCentralLite $rc)
{
    return $rc->authorize('16505551212', '101', 'yourPassword'); // expect: ringcentral/php-legacy-authorize
}

$params = array(
    'json' => array(
        'to' => array(array('phoneNumber' => '16505551213')),
        'from' => array('phoneNumber' => $username),
        'text' => 'Hello from PHP lite',
    ),
);
$res = $rc->post('account/~/extension/~/sms', $params);
