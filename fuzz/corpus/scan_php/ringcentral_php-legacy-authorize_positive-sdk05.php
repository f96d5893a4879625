<?php

// ringcentral-php 0.5: namespace RingCentral, class SDK, getPlatform().

require('vendor/autoload.php');

use RingCentral\SDK;

$sdk = new SDK(getenv('RC_APP_KEY'), getenv('RC_APP_SECRET'), SDK::SERVER_SANDBOX);
$platform = $sdk->getPlatform();

$platform->authorize(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD')); // expect: ringcentral/php-legacy-authorize

$u = $_ENV['RC_USERNAME'];
$ext = $_ENV['RC_EXTENSION'];
$pw = $_ENV['RC_PASSWORD'];
$platform->authorize($u, $ext, $pw, true); // expect: ringcentral/php-legacy-authorize

class FaxSender
{
    private $platform;

    public function __construct(SDK $sdk)
    {
        $this->platform = $sdk->getPlatform();
    }

    public function connect(array $config)
    {
        $this->platform->authorize( // expect: ringcentral/php-legacy-authorize
            $config['username'],
            $config['extension'],
            $config['password'],
            $config['remember']
        );
    }

    public function send($to, $file)
    {
        return $this->platform->post('/account/~/extension/~/fax', array('to' => array(array('phoneNumber' => $to))), $file);
    }
}
