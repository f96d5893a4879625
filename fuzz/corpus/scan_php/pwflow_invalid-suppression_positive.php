<?php
use RingCentral\SDK\SDK;

$platform = (new SDK('id', 'secret', SDK::SERVER_PRODUCTION))->platform();
# pwflow-ignore-file -- no rule named // expect: pwflow/invalid-suppression
$platform->login($user, $ext, $pw); // expect: ringcentral/php-password-login
