0<?php
// pwflow-ignore-file: ringcentral/php-password-login -- legacy CLI, retired with TICKET-9
use RingCentral\SDK\SDK;

$platform = (new SDK('id', 'secret', SDK::SERVER_PRODUCTION))->platform();
$platform->login('18881112233', '101', getenv('RC_PASSWORD'));
$platform->login(['username' => 'u', 'password' => getenv('RC_PASSWORD')]);
